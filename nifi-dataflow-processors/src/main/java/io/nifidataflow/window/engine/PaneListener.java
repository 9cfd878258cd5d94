package io.nifidataflow.window.engine;

/** Receives what the operator decides: panes, and evictions caused by Max Open Windows. */
public interface PaneListener {

    void onPane(Pane pane);

    /**
     * The windows ordered at or before ({@code end}, {@code firstArrival}) were closed because there were more
     * than Max Open Windows; {@code windows} of them. Replaying the same bound closes the same windows.
     */
    default void onEviction(final long end, final long firstArrival, final int windows) {
    }
}
