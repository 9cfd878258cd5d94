package io.nifidataflow.window.aggregate;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The {@code where} filter of an aggregate, evaluated over a record's slot values with SQL's three-valued
 * logic: a comparison with a missing (null) value is unknown, {@code not unknown} is unknown, and a record
 * counts only when the filter is true. Literals decide how values compare: a number literal compares
 * numerically (numeric strings included), a string literal compares text, a boolean literal booleans.
 */
public sealed interface Condition {

    int TRUE = 1;
    int FALSE = 0;
    int UNKNOWN = -1;

    /** {@link #TRUE}, {@link #FALSE} or {@link #UNKNOWN}. */
    int evaluate(Object[] slots);

    default boolean test(final Object[] slots) {
        return evaluate(slots) == TRUE;
    }

    enum Operator {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Operator(final String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(final int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
            };
        }
    }

    /** {@code path op literal}; the literal is a String, a Long or Double, or a Boolean. */
    record Comparison(FieldRef field, Operator operator, Object literal) implements Condition {
        @Override
        public int evaluate(final Object[] slots) {
            final int comparison = compareToLiteral(slots[field.slot()], literal);
            if (comparison == INCOMPARABLE) {
                return UNKNOWN;
            }
            return operator.holds(comparison) ? TRUE : FALSE;
        }

        @Override
        public String toString() {
            return field + " " + operator.symbol() + " " + Condition.literalText(literal);
        }
    }

    /** {@code path [not] in (literal, ...)}. */
    record In(FieldRef field, List<Object> literals, boolean negated) implements Condition {
        @Override
        public int evaluate(final Object[] slots) {
            final Object value = slots[field.slot()];
            if (value == null) {
                return UNKNOWN;
            }
            boolean found = false;
            for (final Object literal : literals) {
                if (compareToLiteral(value, literal) == 0) {
                    found = true;
                    break;
                }
            }
            return found != negated ? TRUE : FALSE;
        }
    }

    /** {@code path is [not] null}: never unknown. */
    record IsNull(FieldRef field, boolean negated) implements Condition {
        @Override
        public int evaluate(final Object[] slots) {
            return (slots[field.slot()] == null) != negated ? TRUE : FALSE;
        }
    }

    record And(Condition left, Condition right) implements Condition {
        @Override
        public int evaluate(final Object[] slots) {
            final int first = left.evaluate(slots);
            if (first == FALSE) {
                return FALSE;
            }
            final int second = right.evaluate(slots);
            if (second == FALSE) {
                return FALSE;
            }
            return first == TRUE && second == TRUE ? TRUE : UNKNOWN;
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        @Override
        public int evaluate(final Object[] slots) {
            final int first = left.evaluate(slots);
            if (first == TRUE) {
                return TRUE;
            }
            final int second = right.evaluate(slots);
            if (second == TRUE) {
                return TRUE;
            }
            return first == FALSE && second == FALSE ? FALSE : UNKNOWN;
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public int evaluate(final Object[] slots) {
            final int value = inner.evaluate(slots);
            return value == UNKNOWN ? UNKNOWN : 1 - value;
        }
    }

    /** Returned by {@link #compareToLiteral} when the value cannot be compared with the literal. */
    int INCOMPARABLE = Integer.MIN_VALUE;

    /** Compares a record value with a literal, converting the value to the literal's kind. */
    static int compareToLiteral(final Object value, final Object literal) {
        if (value == null) {
            return INCOMPARABLE;
        }
        if (literal instanceof String text) {
            return asString(value).compareTo(text);
        }
        if (literal instanceof Number number) {
            final Number converted = Values.toNumber(value);
            return converted == null ? INCOMPARABLE : Values.compareNumbers(converted, number);
        }
        if (literal instanceof Boolean bool) {
            if (value instanceof Boolean b) {
                return Boolean.compare(b, bool);
            }
            if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                return Boolean.compare(Boolean.parseBoolean(s), bool);
            }
            return INCOMPARABLE;
        }
        return INCOMPARABLE;
    }

    private static String asString(final Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Date date) {
            return Instant.ofEpochMilli(date.getTime()).toString();
        }
        return Values.asText(Values.normalize(value));
    }

    static String literalText(final Object literal) {
        if (literal instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        return String.valueOf(literal).toLowerCase(Locale.ROOT);
    }
}
