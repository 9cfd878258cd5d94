package io.nifidataflow.enrich;

/**
 * Why a record is invalid: the broken rule, the field (as configured, such as {@code /price}) and the offending
 * value, shortened so that a huge string cannot make a huge error. {@link #toString()} is the text users see in
 * {@code enrich_error}: it starts with the rule's fixed wording, so flows can route on it.
 */
public record Violation(Rule rule, String field, String value) {

    /** The validation rules, worded as their violations read. */
    public enum Rule {
        MISSING_EVENT_ID("missing event id"),
        INVALID_EVENT_ID("event id is not a string or an integer"),
        MISSING_USER_ID("missing user id"),
        INVALID_USER_ID("user id is not a string or an integer"),
        MISSING_EVENT_TIME("missing event time"),
        UNPARSEABLE_EVENT_TIME("unparseable event time"),
        FUTURE_EVENT_TIME("event time too far in the future"),
        EVENT_TYPE_NOT_ALLOWED("event type not allowed"),
        MISSING_REQUIRED_FIELD("missing required field"),
        NOT_A_NUMBER("not a number"),
        NOT_FINITE("not a finite number"),
        NEGATIVE_NUMBER("negative number");

        private final String wording;

        Rule(final String wording) {
            this.wording = wording;
        }

        public String wording() {
            return wording;
        }
    }

    static final int MAX_VALUE_CHARS = 64;

    public static Violation of(final Rule rule, final String field, final Object value) {
        return new Violation(rule, field, describe(value));
    }

    @Override
    public String toString() {
        return value == null ? rule.wording + " at " + field : rule.wording + " at " + field + ": " + value;
    }

    private static String describe(final Object value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case String string -> "'" + shorten(string) + "'";
            case Object[] array -> shorten(java.util.Arrays.deepToString(array));
            default -> shorten(String.valueOf(value));
        };
    }

    private static String shorten(final String text) {
        if (text.length() <= MAX_VALUE_CHARS) {
            return text;
        }
        return text.substring(0, MAX_VALUE_CHARS) + "... (" + text.length() + " characters)";
    }
}
