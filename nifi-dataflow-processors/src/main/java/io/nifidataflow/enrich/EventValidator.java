package io.nifidataflow.enrich;

import io.nifidataflow.enrich.Violation.Rule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies {@link ValidationRules} to one event and says every reason it is invalid, not only the first: a
 * producer fixing its output wants the whole list. Stateless and thread-safe.
 */
public final class EventValidator {

    private final ValidationRules rules;

    public EventValidator(final ValidationRules rules) {
        this.rules = rules;
    }

    public ValidationRules rules() {
        return rules;
    }

    /** Validates {@code event} against the processing time {@code nowMillis}, which bounds future event times. */
    public Validation validate(final RawEvent event, final long nowMillis) {
        final List<Violation> violations = new ArrayList<>(0);

        final String eventId = id(event.eventId(), rules.eventIdField(), Rule.MISSING_EVENT_ID, Rule.INVALID_EVENT_ID, violations);
        final String userId = id(event.userId(), rules.userIdField(), Rule.MISSING_USER_ID, Rule.INVALID_USER_ID, violations);
        final long eventTime = eventTime(event.eventTime(), nowMillis, violations);
        final String eventType = eventType(event.eventType(), violations);
        for (final String field : event.missingRequiredFields()) {
            violations.add(Violation.of(Rule.MISSING_REQUIRED_FIELD, field, null));
        }
        final Object[] numbers = numbers(event.numbers(), violations);

        if (!violations.isEmpty()) {
            return new Validation(null, violations);
        }
        return new Validation(new ValidEvent(eventId, userId, eventTime, eventType, numbers), List.of());
    }

    /** An id in its string form: trimmed text, or the digits of a number. Null when it broke a rule. */
    static String id(final Object value, final String field, final Rule missing, final Rule invalid, final List<Violation> violations) {
        final String text = idText(value);
        if (text == null) {
            violations.add(Violation.of(value == null ? missing : invalid, field, value));
            return null;
        }
        final String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            violations.add(Violation.of(missing, field, null));
            return null;
        }
        return trimmed;
    }

    /** The string form of an id-like value (a product id, say): trimmed text or the digits of a number; null when blank or not scalar. */
    public static String idOrNull(final Object value) {
        final String text = idText(value);
        if (text == null) {
            return null;
        }
        final String trimmed = text.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static String idText(final Object value) {
        return switch (value) {
            case String text -> text;
            case Long number -> number.toString();
            case Integer number -> number.toString();
            case Short number -> number.toString();
            case Byte number -> number.toString();
            case BigInteger number -> number.toString();
            case Character character -> character.toString();
            case BigDecimal number -> number.stripTrailingZeros().toPlainString();
            case Double number -> finiteToString(number);
            case Float number -> finiteToString(number.doubleValue());
            case null, default -> null;
        };
    }

    /** 42.0 reads as "42" so that a user id written as a double by one source matches the integer of another. */
    private static String finiteToString(final double number) {
        if (!Double.isFinite(number)) {
            return null;
        }
        return new BigDecimal(Double.toString(number)).stripTrailingZeros().toPlainString();
    }

    private long eventTime(final Object value, final long nowMillis, final List<Violation> violations) {
        if (value == null) {
            violations.add(Violation.of(Rule.MISSING_EVENT_TIME, rules.eventTimeField(), null));
            return EventTimes.UNPARSEABLE;
        }
        final long millis = EventTimes.toEpochMillis(value);
        if (millis == EventTimes.UNPARSEABLE) {
            violations.add(Violation.of(Rule.UNPARSEABLE_EVENT_TIME, rules.eventTimeField(), value));
        } else if (millis - nowMillis > rules.maxFutureSkewMillis()) {
            violations.add(Violation.of(Rule.FUTURE_EVENT_TIME, rules.eventTimeField(), value));
        }
        return millis;
    }

    /** The type in lower case, null when absent or blank; a number or boolean reads as its text. */
    private String eventType(final Object value, final List<Violation> violations) {
        if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            violations.add(Violation.of(Rule.EVENT_TYPE_NOT_ALLOWED, rules.eventTypeField(), value));
            return null;
        }
        String type = value == null ? null : value.toString().trim().toLowerCase(Locale.ROOT);
        if (type != null && type.isEmpty()) {
            type = null;
        }
        if (!rules.allowedEventTypes().isEmpty() && (type == null || !rules.allowedEventTypes().contains(type))) {
            violations.add(Violation.of(Rule.EVENT_TYPE_NOT_ALLOWED, rules.eventTypeField(), value));
        }
        return type;
    }

    private Object[] numbers(final Object[] values, final List<Violation> violations) {
        final List<String> fields = rules.numericFields();
        if (values.length != fields.size()) {
            throw new IllegalArgumentException("Expected " + fields.size() + " numeric values but got " + values.length);
        }
        Object[] normalized = values;
        for (int i = 0; i < values.length; i++) {
            final Object number = number(values[i], fields.get(i), violations);
            if (number != values[i]) {
                if (normalized == values) {
                    normalized = values.clone();
                }
                normalized[i] = number;
            }
        }
        return normalized;
    }

    /** The value as a finite non-negative Number (the same object when it already is one), null when absent or invalid. */
    static Object number(final Object value, final String field, final List<Violation> violations) {
        final Object number = switch (value) {
            case null -> null;
            case String text -> Numbers.parse(text);
            case Double d -> d;
            case Float f -> f;
            case Long l -> l;
            case Integer i -> i;
            case Short s -> s;
            case Byte b -> b;
            case BigInteger b -> b;
            case BigDecimal b -> b;
            default -> Numbers.NOT_A_NUMBER;
        };
        if (number == null) {
            return null;
        }
        if (number == Numbers.NOT_A_NUMBER) {
            violations.add(Violation.of(Rule.NOT_A_NUMBER, field, value));
            return null;
        }
        if (number == Numbers.NOT_FINITE || !Numbers.isFinite((Number) number)) {
            violations.add(Violation.of(Rule.NOT_FINITE, field, value));
            return null;
        }
        if (Numbers.isNegative((Number) number)) {
            violations.add(Violation.of(Rule.NEGATIVE_NUMBER, field, value));
            return null;
        }
        return number;
    }
}
