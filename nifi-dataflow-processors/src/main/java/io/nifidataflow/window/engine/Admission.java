package io.nifidataflow.window.engine;

/** What becomes of a record with a valid event time, decided against the watermark before its batch. */
public enum Admission {
    /** At least one of its windows accepts it. */
    ACCEPTED,
    /** Every one of its windows is past the allowed lateness: it goes to the late relationship. */
    LATE,
    /** It falls in no window (a gap between sliding windows whose slide is larger than their size). */
    NO_WINDOW
}
