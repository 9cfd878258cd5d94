package io.nifidataflow.enrich;

import java.util.List;

/**
 * The values of one event that the rules look at, as a reader delivered them: anything from a proper string to
 * a nested record where a number belongs. {@code numbers} follows {@link ValidationRules#numericFields()};
 * {@code missingRequiredFields} lists the configured required fields the record lacks.
 */
public record RawEvent(Object eventId, Object eventTime, Object userId, Object eventType, Object[] numbers,
                       List<String> missingRequiredFields) {
}
