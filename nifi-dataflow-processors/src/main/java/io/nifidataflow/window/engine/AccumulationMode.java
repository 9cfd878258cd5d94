package io.nifidataflow.window.engine;

/** What a pane holds after the first one of its window, as Beam's accumulation modes. */
public enum AccumulationMode {
    /** Each pane holds only what arrived since the previous pane of its window. */
    DISCARDING,
    /** Each pane holds everything the window received so far. */
    ACCUMULATING
}
