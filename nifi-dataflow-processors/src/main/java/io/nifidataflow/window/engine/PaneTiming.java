package io.nifidataflow.window.engine;

/** When a pane fired relative to the watermark, as Beam's {@code PaneInfo.Timing}. */
public enum PaneTiming {
    /** Before the watermark reached the end of the window (Early Firing Interval, or Max Open Windows). */
    EARLY,
    /** When the watermark reached the end of the window; at most once per window. */
    ON_TIME,
    /** After the end of the window, for records accepted within the allowed lateness. */
    LATE
}
