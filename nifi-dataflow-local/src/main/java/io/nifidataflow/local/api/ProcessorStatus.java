package io.nifidataflow.local.api;

/**
 * One processor's run status and its traffic over NiFi's rolling five-minute window.
 *
 * @param runStatus NiFi's wording: Running, Stopped, Invalid, Validating, Disabled
 */
public record ProcessorStatus(String id, String groupId, String name, String type, String runStatus,
                              long flowFilesIn, long bytesIn, long flowFilesOut, long bytesOut,
                              int activeThreadCount) {
}
