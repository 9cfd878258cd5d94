package io.nifidataflow.window.aggregate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * How record values are normalized, compared and turned into numbers, so that every function treats a
 * value alike whatever reader produced it: an int from one FlowFile and a long from the next are the same key,
 * and {@code "12.5"} from a CSV reader sums like {@code 12.5} from a JSON reader.
 */
public final class Values {

    /** Ordering ranks when values of different kinds meet in {@code min}/{@code max}. */
    private static final int BOOLEAN = 0;
    private static final int NUMBER = 1;
    private static final int TEMPORAL = 2;
    private static final int STRING = 3;

    private Values() {
    }

    /**
     * The canonical form of a value: integral numbers as Long, other numbers as Double (BigDecimal stays
     * exact), temporal values as {@link Timestamp}, arrays as lists; strings, booleans and records unchanged.
     */
    public static Object normalize(final Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof Timestamp) {
            return value;
        }
        if (value instanceof Date date) {
            return new Timestamp(date.getTime());
        }
        if (value instanceof Instant instant) {
            return Timestamp.from(instant);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return Timestamp.from(dateTime.toInstant());
        }
        if (value instanceof ZonedDateTime dateTime) {
            return Timestamp.from(dateTime.toInstant());
        }
        if (value instanceof Object[] array) {
            final Object[] normalized = new Object[array.length];
            for (int i = 0; i < array.length; i++) {
                normalized[i] = normalize(array[i]);
            }
            return Arrays.asList(normalized);
        }
        return value;
    }

    /**
     * The value as a Long or Double for arithmetic, parsing strings; null when it is not a number.
     * BigDecimal and BigInteger beyond long range become Double.
     */
    public static Number toNumber(final Object value) {
        if (value instanceof Long || value instanceof Double) {
            return (Number) value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Number) big.longValue() : (Number) big.doubleValue();
        }
        if (value instanceof String text) {
            return parseNumber(text.trim());
        }
        return null;
    }

    private static Number parseNumber(final String text) {
        if (text.isEmpty()) {
            return null;
        }
        boolean integral = true;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && (c == '-' || c == '+'))) {
                integral = false;
                break;
            }
        }
        try {
            if (integral && text.length() < 19) {
                return Long.parseLong(text);
            }
            final double parsed = Double.parseDouble(text);
            // Double.parseDouble accepts "NaN", "Infinity" and hex floats; only decimal numbers are numbers here.
            return Double.isFinite(parsed) && isDecimal(text) ? parsed : null;
        } catch (final NumberFormatException e) {
            return null;
        }
    }

    private static boolean isDecimal(final String text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }

    /** True for values {@code min}, {@code max} and comparisons can order: booleans, numbers, temporal values and strings. */
    public static boolean isOrderable(final Object normalized) {
        return rank(normalized) >= 0;
    }

    /**
     * Orders normalized orderable values: within a kind naturally (numbers by exact numeric value), and
     * across kinds booleans before numbers before timestamps before strings, so the order is total.
     */
    public static int compare(final Object left, final Object right) {
        final int leftRank = rank(left);
        final int rightRank = rank(right);
        if (leftRank != rightRank) {
            return Integer.compare(leftRank, rightRank);
        }
        return switch (leftRank) {
            case BOOLEAN -> Boolean.compare((Boolean) left, (Boolean) right);
            case NUMBER -> compareNumbers((Number) left, (Number) right);
            case TEMPORAL -> Long.compare(((Date) left).getTime(), ((Date) right).getTime());
            case STRING -> ((String) left).compareTo((String) right);
            default -> throw new IllegalArgumentException("Cannot order " + left + " and " + right);
        };
    }

    private static int rank(final Object value) {
        if (value instanceof Number) {
            return NUMBER;
        }
        if (value instanceof String) {
            return STRING;
        }
        if (value instanceof Date) {
            return TEMPORAL;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        return -1;
    }

    /** Exact numeric comparison, also between a long beyond 2^53 and a double. */
    public static int compareNumbers(final Number left, final Number right) {
        if (left instanceof Long l && right instanceof Long r) {
            return Long.compare(l, r);
        }
        if (left instanceof Long l && right instanceof Double r) {
            return -compareDoubleToLong(r, l);
        }
        if (left instanceof Double l && right instanceof Long r) {
            return compareDoubleToLong(l, r);
        }
        if (left instanceof Double l && right instanceof Double r) {
            return Double.compare(l, r);
        }
        if (isNaN(left) || isNaN(right)) {
            return Double.compare(left.doubleValue(), right.doubleValue());
        }
        return toBigDecimal(left).compareTo(toBigDecimal(right));
    }

    private static boolean isNaN(final Number number) {
        return number instanceof Double d && d.isNaN() || number instanceof Float f && f.isNaN();
    }

    private static int compareDoubleToLong(final double d, final long l) {
        if (Double.isNaN(d)) {
            return 1;
        }
        if (d >= 0x1p63) {
            return 1;
        }
        if (d < -0x1p63) {
            return -1;
        }
        final long truncated = (long) d;
        if (truncated != l) {
            return Long.compare(truncated, l);
        }
        return Double.compare(d - truncated, 0.0);
    }

    private static BigDecimal toBigDecimal(final Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        return new BigDecimal(number.doubleValue());
    }

    /** The string form used when a value has to become text, for example for top_k items of odd types. */
    public static String asText(final Object value) {
        if (value instanceof List<?> list) {
            return list.toString();
        }
        return String.valueOf(value);
    }
}
