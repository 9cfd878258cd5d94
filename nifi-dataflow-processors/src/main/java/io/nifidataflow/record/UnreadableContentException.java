package io.nifidataflow.record;

import java.io.IOException;
import org.apache.nifi.flowfile.FlowFile;

/** The content of a FlowFile cannot be decoded by the Record Reader: the FlowFile belongs on failure, unchanged. */
public final class UnreadableContentException extends IOException {

    public UnreadableContentException(final FlowFile flowFile, final Throwable cause) {
        super("Cannot read records from " + flowFile + ": " + cause.getMessage(), cause);
    }
}
