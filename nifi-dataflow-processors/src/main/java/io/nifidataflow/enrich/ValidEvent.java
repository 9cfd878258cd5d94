package io.nifidataflow.enrich;

/**
 * An event that passed validation, normalized: ids trimmed and in string form, the time in epoch milliseconds,
 * the type in lower case (or null when absent), and each numeric field as a {@link Number} (or null when absent).
 * {@code numbers} has one entry per {@link ValidationRules#numericFields()}, the same object as the raw value
 * when nothing needed converting.
 */
public record ValidEvent(String eventId, String userId, long eventTimeMillis, String eventType, Object[] numbers) {
}
