package io.nifidataflow.window.engine;

import io.nifidataflow.window.assign.Window;
import java.util.Arrays;

/**
 * One firing of one (key, window): the aggregate values in the order of the aggregates, its timing and its
 * index, which counts from 0 per window.
 */
public record Pane(Object key, Window window, PaneTiming timing, int index, Object[] values) {

    @Override
    public boolean equals(final Object other) {
        return other instanceof Pane that && java.util.Objects.equals(key, that.key) && window.equals(that.window)
                && timing == that.timing && index == that.index && Arrays.deepEquals(values, that.values);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(key, window, timing, index, Arrays.deepHashCode(values));
    }

    @Override
    public String toString() {
        return key + " " + window + " " + timing + "#" + index + " " + Arrays.deepToString(values);
    }
}
