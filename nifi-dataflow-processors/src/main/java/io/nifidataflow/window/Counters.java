package io.nifidataflow.window;

import io.nifidataflow.window.engine.PaneTiming;
import org.apache.nifi.processor.ProcessSession;

/** AggregateWindow's counters: per input when it is released, per pane when it is emitted. */
final class Counters {

    static final String RECORDS_AGGREGATED = "Records Aggregated";
    static final String RECORDS_LATE = "Records Late";
    static final String RECORDS_INVALID = "Records Invalid";
    static final String RECORDS_IN_NO_WINDOW = "Records in No Window";
    static final String LATE_PAIRS_DROPPED = "Late Record-Window Pairs Dropped";
    static final String FLOWFILES_UNREADABLE = "FlowFiles Unreadable";
    static final String WINDOWS_EVICTED = "Windows Evicted";

    private Counters() {
    }

    static String panes(final PaneTiming timing) {
        return "Panes Fired " + timing.name();
    }

    static void input(final ProcessSession session, final RecordIngest.Outcome outcome) {
        adjust(session, RECORDS_AGGREGATED, outcome.aggregated());
        adjust(session, RECORDS_LATE, outcome.late());
        adjust(session, RECORDS_INVALID, outcome.invalid());
        adjust(session, RECORDS_IN_NO_WINDOW, outcome.noWindow());
        adjust(session, LATE_PAIRS_DROPPED, outcome.droppedPairs());
    }

    static void adjust(final ProcessSession session, final String counter, final long delta) {
        if (delta != 0) {
            session.adjustCounter(counter, delta, false);
        }
    }
}
