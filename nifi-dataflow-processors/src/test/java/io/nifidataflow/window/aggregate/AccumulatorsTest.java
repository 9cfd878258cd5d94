package io.nifidataflow.window.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each function's results, and the property sessions rely on: merging partial accumulators equals adding everything to one. */
class AccumulatorsTest {

    private static Object aggregate(final AggregateFunction function, final double parameter, final Object... values) {
        final Accumulator accumulator = function.newAccumulator(parameter);
        long arrival = 0;
        for (final Object value : values) {
            final Object accepted = function.accept(value);
            if (accepted != AggregateFunction.SKIP) {
                accumulator.add(accepted, 0, arrival++);
            }
        }
        return accumulator.result();
    }

    /** Splits the inputs at every point into two accumulators and merges them, in both orders. */
    private static void assertMergeable(final AggregateFunction function, final double parameter, final Object[] values) {
        final Object whole = aggregate(function, parameter, values);
        for (int split = 0; split <= values.length; split++) {
            final Accumulator left = function.newAccumulator(parameter);
            final Accumulator right = function.newAccumulator(parameter);
            for (int i = 0; i < values.length; i++) {
                (i < split ? left : right).add(function.accept(values[i]), i, i);
            }
            left.merge(right);
            assertEquals(whole, left.result(), function + " split at " + split);
        }
    }

    @Test
    void countCountsEverythingAddedAndMerges() {
        assertEquals(3L, aggregate(AggregateFunction.COUNT, 0, "a", "b", "c"));
        assertEquals(0L, AggregateFunction.COUNT.newAccumulator(0).result());
        assertEquals(AggregateFunction.SKIP, AggregateFunction.COUNT.accept(null));
        assertMergeable(AggregateFunction.COUNT, 0, new Object[] {1, 2, 3, 4});
    }

    @Test
    void sumStaysExactAndLongForIntegersAndBecomesDoubleOtherwise() {
        assertEquals(6L, aggregate(AggregateFunction.SUM, 0, 1, 2L, "3"));
        assertEquals(6.5, aggregate(AggregateFunction.SUM, 0, 1, 2L, 3.5));
        assertEquals(Long.MAX_VALUE, aggregate(AggregateFunction.SUM, 0, Long.MAX_VALUE - 1, 1));
        assertEquals((double) Long.MAX_VALUE + 1, aggregate(AggregateFunction.SUM, 0, Long.MAX_VALUE, 1));
        assertNull(aggregate(AggregateFunction.SUM, 0));
        assertNull(aggregate(AggregateFunction.SUM, 0, (Object) null));
        assertEquals(AggregateFunction.REJECT, AggregateFunction.SUM.accept("N/A"));
        assertEquals(AggregateFunction.REJECT, AggregateFunction.SUM.accept("NaN"));
        assertEquals(AggregateFunction.REJECT, AggregateFunction.SUM.accept(true));
        assertMergeable(AggregateFunction.SUM, 0, new Object[] {1, 2, 3, 4, 5});
        assertMergeable(AggregateFunction.SUM, 0, new Object[] {1, 2.5, 3});
    }

    @Test
    void avgIsADoubleOrNullForNothing() {
        assertEquals(2.5, aggregate(AggregateFunction.AVG, 0, 1, 2, 3, 4));
        assertNull(aggregate(AggregateFunction.AVG, 0));
        assertMergeable(AggregateFunction.AVG, 0, new Object[] {1, 2, 3, 4});
    }

    @Test
    void minAndMaxKeepTheInputType() {
        assertEquals(1L, aggregate(AggregateFunction.MIN, 0, 3, 1, 2));
        assertEquals(3L, aggregate(AggregateFunction.MAX, 0, 3, 1, 2));
        assertEquals(2.5, aggregate(AggregateFunction.MAX, 0, 1, 2.5, 2L));
        assertEquals("apple", aggregate(AggregateFunction.MIN, 0, "pear", "apple"));
        assertEquals(new Timestamp(20), aggregate(AggregateFunction.MAX, 0, new Timestamp(10), new java.util.Date(20)));
        // Exact across long and double beyond 2^53.
        assertEquals(9_007_199_254_740_993L, aggregate(AggregateFunction.MAX, 0, 9_007_199_254_740_993L, 9_007_199_254_740_992.0));
        assertEquals(AggregateFunction.REJECT, AggregateFunction.MIN.accept(new Object()));
        assertMergeable(AggregateFunction.MIN, 0, new Object[] {5, 3, 8, 1});
        assertMergeable(AggregateFunction.MAX, 0, new Object[] {"b", "c", "a"});
    }

    @Test
    void firstAndLastGoByEventTimeThenByArrival() {
        final Accumulator first = AggregateFunction.FIRST.newAccumulator(0);
        final Accumulator last = AggregateFunction.LAST.newAccumulator(0);
        final Object[][] records = {{"b", 20L, 0L}, {"a", 10L, 1L}, {"c", 30L, 2L}, {"a2", 10L, 3L}, {"c2", 30L, 4L}};
        for (final Object[] record : records) {
            first.add(record[0], (Long) record[1], (Long) record[2]);
            last.add(record[0], (Long) record[1], (Long) record[2]);
        }
        assertEquals("a", first.result());
        assertEquals("c2", last.result());
        final Accumulator later = AggregateFunction.LAST.newAccumulator(0);
        later.add("z", 5L, 9L);
        later.merge(last);
        assertEquals("c2", later.result());
    }

    @Test
    void countDistinctIsExactForSmallSetsAndWithinItsDocumentedErrorForLargeOnes() {
        // 1 and 1L are the same number, so four distinct values.
        assertEquals(4L, aggregate(AggregateFunction.COUNT_DISTINCT, 0, "a", "b", "a", "c", 1, 1L));
        assertEquals(0L, AggregateFunction.COUNT_DISTINCT.newAccumulator(0).result());
        final Accumulator big = AggregateFunction.COUNT_DISTINCT.newAccumulator(0);
        final Accumulator other = AggregateFunction.COUNT_DISTINCT.newAccumulator(0);
        for (int i = 0; i < 100_000; i++) {
            big.add("user-" + i, 0, i);
            other.add("user-" + (i + 50_000), 0, i);
        }
        big.merge(other);
        final long estimate = (Long) big.result();
        // 150,000 distinct; lgK 12 gives ~1.6% standard error, so 3 sigma is under 5%.
        assertTrue(Math.abs(estimate - 150_000) < 150_000 * 0.05, "estimate " + estimate);
        assertMergeable(AggregateFunction.COUNT_DISTINCT, 0, new Object[] {"x", "y", "x", "z", 7, 7.5});
    }

    @Test
    void approxQuantileEstimatesRanks() {
        final Accumulator quantile = AggregateFunction.APPROX_QUANTILE.newAccumulator(0.95);
        final Accumulator half = AggregateFunction.APPROX_QUANTILE.newAccumulator(0.95);
        for (int i = 1; i <= 100_000; i++) {
            (i % 2 == 0 ? quantile : half).add((double) i, 0, i);
        }
        quantile.merge(half);
        final double estimate = (Double) quantile.result();
        assertTrue(Math.abs(estimate - 95_000) < 100_000 * 0.02, "estimate " + estimate);
        assertEquals(3.0, aggregate(AggregateFunction.APPROX_QUANTILE, 0.5, 1, 2, 3, 4, 5));
        assertNull(aggregate(AggregateFunction.APPROX_QUANTILE, 0.5));
    }

    @Test
    void approxQuantileIsTheSameEveryTimeItSeesTheSameValuesInTheSameOrder() {
        assertTrue(DeterministicKll.isDeterministic(), "KLL's coin flips are no longer reachable: replays would differ");
        final SplittableRandom random = new SplittableRandom(5);
        final double[] values = random.doubles(50_000).toArray();
        final Object first = quantileOf(values);
        // Other sketches compacting in between must not change the coins this one flips.
        final Accumulator noise = AggregateFunction.APPROX_QUANTILE.newAccumulator(0.5);
        for (int i = 0; i < 10_000; i++) {
            noise.add(random.nextDouble(), 0, i);
        }
        assertEquals(first, quantileOf(values));
    }

    private static Object quantileOf(final double[] values) {
        final Accumulator a = AggregateFunction.APPROX_QUANTILE.newAccumulator(0.9);
        final Accumulator b = AggregateFunction.APPROX_QUANTILE.newAccumulator(0.9);
        for (int i = 0; i < values.length; i++) {
            (i % 3 == 0 ? b : a).add(values[i], 0, i);
        }
        a.merge(b);
        return a.result();
    }

    @Test
    void topKListsTheMostFrequentItemsWithCountsExactlyWhileTheyFit() {
        @SuppressWarnings("unchecked")
        final List<TopKItem> top = (List<TopKItem>) aggregate(AggregateFunction.TOP_K, 2, "a", "b", "a", "c", "b", "a", "d");
        assertEquals(List.of(new TopKItem("a", 3), new TopKItem("b", 2)), top);
        assertEquals(List.of(), aggregate(AggregateFunction.TOP_K, 3));
        assertMergeable(AggregateFunction.TOP_K, 2, new Object[] {"a", "b", "a", "c", "b", "a", 5, 5L});
    }

    @Test
    void topKFindsHeavyHittersInSkewedStreams() {
        final Accumulator top = AggregateFunction.TOP_K.newAccumulator(3);
        final SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            final int roll = random.nextInt(100);
            top.add(roll < 20 ? "hot" : roll < 30 ? "warm" : roll < 35 ? "mild" : "item-" + random.nextInt(100_000), 0, i);
        }
        @SuppressWarnings("unchecked")
        final List<TopKItem> items = (List<TopKItem>) top.result();
        final List<Object> names = new ArrayList<>();
        items.forEach(item -> names.add(item.value()));
        assertEquals(List.of("hot", "warm", "mild"), names);
    }
}
