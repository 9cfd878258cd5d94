package io.nifidataflow.window.aggregate;

import java.util.Locale;

/**
 * The aggregate functions, with what each accepts as input. {@link #accept(Object)} converts a record's value
 * into what the accumulator adds, returns {@link #SKIP} for a value the function ignores (null, as in SQL), or
 * {@link #REJECT} for a value it cannot take, which makes the record invalid.
 */
public enum AggregateFunction {
    COUNT("count", Arity.OPTIONAL_PATH),
    SUM("sum", Arity.PATH),
    AVG("avg", Arity.PATH),
    MIN("min", Arity.PATH),
    MAX("max", Arity.PATH),
    FIRST("first", Arity.PATH),
    LAST("last", Arity.PATH),
    COUNT_DISTINCT("count_distinct", Arity.PATH),
    APPROX_QUANTILE("approx_quantile", Arity.PATH_AND_NUMBER),
    TOP_K("top_k", Arity.PATH_AND_NUMBER);

    /** What the function takes between its parentheses. */
    public enum Arity { OPTIONAL_PATH, PATH, PATH_AND_NUMBER }

    /** Returned by {@link #accept(Object)} for a value the function ignores. */
    public static final Object SKIP = new Object() {
        @Override
        public String toString() {
            return "SKIP";
        }
    };

    /** Returned by {@link #accept(Object)} for a value the function cannot take. */
    public static final Object REJECT = new Object() {
        @Override
        public String toString() {
            return "REJECT";
        }
    };

    private final String functionName;
    private final Arity arity;

    AggregateFunction(final String functionName, final Arity arity) {
        this.functionName = functionName;
        this.arity = arity;
    }

    public String functionName() {
        return functionName;
    }

    public Arity arity() {
        return arity;
    }

    /** The function called {@code name}, ignoring case, or null. */
    public static AggregateFunction named(final String name) {
        final String lower = name.toLowerCase(Locale.ROOT);
        for (final AggregateFunction function : values()) {
            if (function.functionName.equals(lower)) {
                return function;
            }
        }
        return null;
    }

    /** What the accumulator adds for {@code value}, or {@link #SKIP}, or {@link #REJECT}. */
    public Object accept(final Object value) {
        if (value == null) {
            return SKIP;
        }
        return switch (this) {
            case COUNT, FIRST, LAST -> Values.normalize(value);
            case SUM, AVG, APPROX_QUANTILE -> {
                final Number number = Values.toNumber(value);
                yield number == null ? REJECT : number;
            }
            case MIN, MAX -> {
                final Object normalized = Values.normalize(value);
                yield Values.isOrderable(normalized) ? normalized : REJECT;
            }
            case COUNT_DISTINCT, TOP_K -> Values.normalize(value);
        };
    }

    /** Why {@code value} was rejected, for the record's {@code window_error}. */
    public String rejection(final Object value) {
        return switch (this) {
            case SUM, AVG, APPROX_QUANTILE -> "'" + Values.asText(value) + "' is not a number";
            case MIN, MAX -> "a " + value.getClass().getSimpleName() + " cannot be ordered";
            default -> "'" + Values.asText(value) + "' is not accepted";
        };
    }

    /** A new, empty accumulator; {@code parameter} is the quantile rank or k where the function has one. */
    public Accumulator newAccumulator(final double parameter) {
        return switch (this) {
            case COUNT -> new Accumulators.Count();
            case SUM -> new Accumulators.Sum();
            case AVG -> new Accumulators.Avg();
            case MIN -> new Accumulators.Extreme(false);
            case MAX -> new Accumulators.Extreme(true);
            case FIRST -> new Accumulators.Positional(false);
            case LAST -> new Accumulators.Positional(true);
            case COUNT_DISTINCT -> new Accumulators.Distinct();
            case APPROX_QUANTILE -> new Accumulators.Quantile(parameter);
            case TOP_K -> new Accumulators.TopK((int) parameter);
        };
    }
}
