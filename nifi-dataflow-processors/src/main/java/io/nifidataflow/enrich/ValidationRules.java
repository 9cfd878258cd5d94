package io.nifidataflow.enrich;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What makes an event valid. Field names are the configured paths, used in the reasons.
 *
 * @param eventIdField       where the event id is read from
 * @param eventTimeField     where the event time is read from
 * @param userIdField        where the user id is read from
 * @param eventTypeField     where the event type is read from
 * @param allowedEventTypes  lower-case event types that are accepted; empty accepts every type, and no type
 * @param numericFields      fields that, when present, must hold finite non-negative numbers
 * @param maxFutureSkewMillis how far after the processing time an event time may lie
 */
public record ValidationRules(
        String eventIdField,
        String eventTimeField,
        String userIdField,
        String eventTypeField,
        Set<String> allowedEventTypes,
        List<String> numericFields,
        long maxFutureSkewMillis) {

    public ValidationRules {
        allowedEventTypes = allowedEventTypes.stream().map(type -> type.trim().toLowerCase(Locale.ROOT))
                .filter(type -> !type.isEmpty()).collect(Collectors.toUnmodifiableSet());
        numericFields = List.copyOf(numericFields);
        if (maxFutureSkewMillis < 0) {
            throw new IllegalArgumentException("Max future skew must not be negative");
        }
    }

    /** The clickstream defaults: the paths of GenerateClickstream's records, any type, one hour of skew. */
    public static ValidationRules clickstreamDefaults() {
        return new ValidationRules("/event_id", "/event_time", "/user_id", "/event_type", Set.of(), List.of("/price", "/quantity"), 3_600_000L);
    }
}
