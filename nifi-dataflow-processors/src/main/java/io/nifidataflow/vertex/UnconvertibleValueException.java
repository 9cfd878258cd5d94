package io.nifidataflow.vertex;

/** A record value that cannot be expressed as a protobuf Value: the record's FlowFile goes to failure with this reason. */
public final class UnconvertibleValueException extends IllegalArgumentException {

    public UnconvertibleValueException(final String message) {
        super(message);
    }
}
