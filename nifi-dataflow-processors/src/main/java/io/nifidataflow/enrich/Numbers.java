package io.nifidataflow.enrich;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Numeric strings as EnrichEvent converts them: plain decimal notation with an optional sign, fraction and
 * exponent ({@code 12}, {@code -0.5}, {@code 1e3}). Java's own parsers also take hexadecimal floats and type
 * suffixes such as {@code 1d}, which no producer means as a price, so the shape is checked first.
 */
final class Numbers {

    /** Markers for strings that are not numbers, and for NaN and the infinities. */
    static final Object NOT_A_NUMBER = new Object();
    static final Object NOT_FINITE = new Object();

    private Numbers() {
    }

    /** A Long for an integer that fits, a Double otherwise; null for a blank string, which counts as absent. */
    static Object parse(final String raw) {
        final String text = raw.trim();
        if (text.isEmpty()) {
            return null;
        }
        final String unsigned = text.charAt(0) == '+' || text.charAt(0) == '-' ? text.substring(1) : text;
        final String lower = unsigned.toLowerCase(Locale.ROOT);
        if (lower.equals("nan") || lower.equals("infinity") || lower.equals("inf")) {
            return NOT_FINITE;
        }
        final int shape = shape(text);
        if (shape == NOT_DECIMAL) {
            return NOT_A_NUMBER;
        }
        if (shape == INTEGER && text.length() <= 18) {
            return Long.parseLong(text);
        }
        final double value = Double.parseDouble(text);
        return Double.isFinite(value) ? value : NOT_FINITE;
    }

    private static final int NOT_DECIMAL = 0;
    private static final int INTEGER = 1;
    private static final int DECIMAL = 2;

    private static int shape(final String text) {
        int at = 0;
        final int length = text.length();
        if (text.charAt(at) == '+' || text.charAt(at) == '-') {
            at++;
        }
        final int integerStart = at;
        while (at < length && isDigit(text.charAt(at))) {
            at++;
        }
        int digits = at - integerStart;
        boolean integer = true;
        if (at < length && text.charAt(at) == '.') {
            integer = false;
            final int fractionStart = ++at;
            while (at < length && isDigit(text.charAt(at))) {
                at++;
            }
            digits += at - fractionStart;
        }
        if (digits == 0) {
            return NOT_DECIMAL;
        }
        if (at < length && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            integer = false;
            at++;
            if (at < length && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            final int exponentStart = at;
            while (at < length && isDigit(text.charAt(at))) {
                at++;
            }
            if (at == exponentStart) {
                return NOT_DECIMAL;
            }
        }
        if (at != length) {
            return NOT_DECIMAL;
        }
        return integer ? INTEGER : DECIMAL;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isFinite(final Number number) {
        return switch (number) {
            case Double d -> Double.isFinite(d);
            case Float f -> Float.isFinite(f);
            default -> true;
        };
    }

    static boolean isNegative(final Number number) {
        return switch (number) {
            case Double d -> d < 0;
            case Float f -> f < 0;
            case BigDecimal b -> b.signum() < 0;
            case BigInteger b -> b.signum() < 0;
            default -> number.longValue() < 0;
        };
    }
}
