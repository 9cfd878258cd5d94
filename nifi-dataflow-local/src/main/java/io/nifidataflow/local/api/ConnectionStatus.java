package io.nifidataflow.local.api;

/** What waits in one connection, and how close it is to back pressure. */
public record ConnectionStatus(String id, String name, String sourceId, String sourceName,
                               String destinationId, String destinationName,
                               long flowFilesQueued, long bytesQueued, int percentUseCount, int percentUseBytes) {
}
