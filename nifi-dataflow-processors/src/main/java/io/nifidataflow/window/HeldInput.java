package io.nifidataflow.window;

import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessSession;

/**
 * An input FlowFile kept uncommitted in its own session until every window it fed is final, with the late and
 * invalid children it produced. If NiFi stops or dies meanwhile, the FlowFile is back in the input queue and
 * the journal says where it goes in the replay.
 */
record HeldInput(long sequence, ProcessSession session, FlowFile flowFile, RecordIngest.Outcome outcome) {

    /** True when no window holds its records, so it can leave ahead of older inputs. */
    boolean fedNoWindow() {
        return outcome.aggregated() == 0;
    }
}
