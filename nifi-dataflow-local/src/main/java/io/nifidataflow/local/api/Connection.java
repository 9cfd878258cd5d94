package io.nifidataflow.local.api;

import java.util.List;

/** A connection between two components, e.g. the queue after a processor's {@code success} relationship. */
public record Connection(String id, String name, String sourceId, String sourceName, String sourceType,
                         String destinationId, String destinationName, String destinationType,
                         List<String> relationships) {

    public Connection {
        relationships = List.copyOf(relationships);
    }
}
