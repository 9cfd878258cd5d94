package io.nifidataflow.window.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Grouping keys. One Group By path uses its (normalized) value itself as the key, so the hot path hashes
 * a String and allocates nothing; several paths use a {@link Composite}; none uses {@link #GLOBAL}.
 */
public final class GroupKey {

    /** The single key of a configuration without Group By. */
    public static final Object GLOBAL = new Object() {
        @Override
        public String toString() {
            return "GLOBAL";
        }
    };

    private GroupKey() {
    }

    /** The key of several Group By values; null is a value like any other. */
    public record Composite(Object[] values) {
        @Override
        public boolean equals(final Object other) {
            return other instanceof Composite that && Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    /** The values of {@code key} in Group By order: one for a single path, none for the global key. */
    public static List<Object> values(final Object key) {
        if (key == GLOBAL) {
            return List.of();
        }
        if (key instanceof Composite composite) {
            return Arrays.asList(composite.values());
        }
        return Arrays.asList(key);
    }
}
