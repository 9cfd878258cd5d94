package io.nifidataflow.window.aggregate;

/**
 * One parsed aggregate: the output field {@code name}, the function, its input path (null for
 * {@code count()}), its numeric parameter (quantile rank or k; 0 when it has none) and its filter (null when
 * every record counts).
 */
public record AggregateSpec(String name, AggregateFunction function, FieldRef input, double parameter, Condition filter, String expression) {

    public Accumulator newAccumulator() {
        return function.newAccumulator(parameter);
    }
}
