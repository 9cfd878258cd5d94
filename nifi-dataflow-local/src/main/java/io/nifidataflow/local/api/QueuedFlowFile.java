package io.nifidataflow.local.api;

import java.util.Map;

/** A FlowFile waiting in a connection: its attributes and its content. */
public record QueuedFlowFile(String uuid, long position, long size, Map<String, String> attributes, byte[] content) {

    public QueuedFlowFile {
        attributes = Map.copyOf(attributes);
    }

    public String attribute(final String name) {
        return attributes.get(name);
    }
}
