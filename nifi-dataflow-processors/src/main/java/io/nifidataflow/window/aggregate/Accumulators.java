package io.nifidataflow.window.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * The accumulators of the aggregate functions. They are small on purpose: state is kept per open
 * (key, window), and there can be a million of those. Sketches are created on the first value.
 *
 * <p>Only DataSketches' heap sketches are used, never their serialized ("Memory") forms: those need a JVM
 * flag on Java 21 and do not load on later JDKs, while the heap sketches run everywhere. Nothing needs the
 * serialized form, because windows are rebuilt by replaying held input, not by restoring sketches.</p>
 */
final class Accumulators {

    /** HLL precision: 2^12 buckets, a relative standard error of about 1.6%. */
    static final int HLL_LG_K = 12;
    /** KLL accuracy parameter: a normalized rank error of about 1.65%. */
    static final int KLL_K = 200;

    private Accumulators() {
    }

    /** count() and count(/path): the function decides what counts. */
    static final class Count implements Accumulator {
        private long count;

        @Override
        public void add(final Object value, final long eventTime, final long arrival) {
            count++;
        }

        @Override
        public void merge(final Accumulator other) {
            count += ((Count) other).count;
        }

        @Override
        public Object result() {
            return count;
        }
    }

    /** Exact long arithmetic while every input is integral and the sum fits; double from then on. */
    static final class Sum implements Accumulator {
        private long longSum;
        private double doubleSum;
        private boolean isDouble;
        private boolean any;

        @Override
        public void add(final Object value, final long eventTime, final long arrival) {
            any = true;
            if (!isDouble && value instanceof Long l) {
                final long sum = longSum + l;
                // Overflow iff both operands have the sign the result lacks (Math.addExact's test, without the throw).
                if (((longSum ^ sum) & (l ^ sum)) < 0) {
                    switchToDouble();
                    doubleSum += l;
                } else {
                    longSum = sum;
                }
                return;
            }
            if (!isDouble) {
                switchToDouble();
            }
            doubleSum += ((Number) value).doubleValue();
        }

        private void switchToDouble() {
            isDouble = true;
            doubleSum = longSum;
        }

        @Override
        public void merge(final Accumulator other) {
            final Sum that = (Sum) other;
            if (!that.any) {
                return;
            }
            if (that.isDouble) {
                if (!isDouble) {
                    switchToDouble();
                }
                doubleSum += that.doubleSum;
                any = true;
            } else {
                add(that.longSum, 0, 0);
            }
        }

        @Override
        public Object result() {
            if (!any) {
                return null;
            }
            return isDouble ? (Object) doubleSum : (Object) longSum;
        }
    }

    static final class Avg implements Accumulator {
        private double sum;
        private long count;

        @Override
        public void add(final Object value, final long eventTime, final long arrival) {
            sum += ((Number) value).doubleValue();
            count++;
        }

        @Override
        public void merge(final Accumulator other) {
            final Avg that = (Avg) other;
            sum += that.sum;
            count += that.count;
        }

        @Override
        public Object result() {
            return count == 0 ? null : sum / count;
        }
    }

    /** min and max over orderable values, in {@link Values#compare} order. */
    static final class Extreme implements Accumulator {
        private final boolean max;
        private Object best;

        Extreme(final boolean max) {
            this.max = max;
        }

        @Override
        public void add(final Object value, final long eventTime, final long arrival) {
            if (best == null) {
                best = value;
                return;
            }
            final int comparison = Values.compare(value, best);
            if (max ? comparison > 0 : comparison < 0) {
                best = value;
            }
        }

        @Override
        public void merge(final Accumulator other) {
            final Object that = ((Extreme) other).best;
            if (that != null) {
                add(that, 0, 0);
            }
        }

        @Override
        public Object result() {
            return best;
        }
    }

    /** first and last by event time; ties go to the earlier (first) or later (last) arrival. */
    static final class Positional implements Accumulator {
        private final boolean last;
        private Object value;
        private long eventTime;
        private long arrival;

        Positional(final boolean last) {
            this.last = last;
        }

        @Override
        public void add(final Object candidate, final long candidateTime, final long candidateArrival) {
            if (value == null || (last ? isAfter(candidateTime, candidateArrival) : isBefore(candidateTime, candidateArrival))) {
                value = candidate;
                eventTime = candidateTime;
                arrival = candidateArrival;
            }
        }

        private boolean isBefore(final long time, final long order) {
            return time < eventTime || time == eventTime && order < arrival;
        }

        private boolean isAfter(final long time, final long order) {
            return time > eventTime || time == eventTime && order > arrival;
        }

        @Override
        public void merge(final Accumulator other) {
            final Positional that = (Positional) other;
            if (that.value != null) {
                add(that.value, that.eventTime, that.arrival);
            }
        }

        @Override
        public Object result() {
            return value;
        }
    }

    /** count_distinct: an HLL sketch; in its list and set modes (small counts) it is practically exact. */
    static final class Distinct implements Accumulator {
        private HllSketch sketch;

        @Override
        public void add(final Object value, final long eventTime, final long arrival) {
            if (sketch == null) {
                sketch = new HllSketch(HLL_LG_K, TgtHllType.HLL_4);
            }
            if (value instanceof Long l) {
                sketch.update(l);
            } else if (value instanceof Double d) {
                sketch.update(d);
            } else if (value instanceof String s) {
                sketch.update(s);
            } else {
                sketch.update(Values.asText(value));
            }
        }

        @Override
        public void merge(final Accumulator other) {
            final HllSketch that = ((Distinct) other).sketch;
            if (that == null) {
                return;
            }
            if (sketch == null) {
                sketch = that;
                return;
            }
            final Union union = new Union(HLL_LG_K);
            union.update(sketch);
            union.update(that);
            sketch = union.getResult(TgtHllType.HLL_4);
        }

        @Override
        public Object result() {
            return sketch == null ? 0L : Math.round(sketch.getEstimate());
        }
    }

    /** approx_quantile: a KLL sketch of doubles. */
    static final class Quantile implements Accumulator {
        private final double rank;
        private KllDoublesSketch sketch;

        Quantile(final double rank) {
            this.rank = rank;
        }

        @Override
        public void add(final Object value, final long eventTime, final long arrival) {
            if (sketch == null) {
                sketch = KllDoublesSketch.newHeapInstance(KLL_K);
            }
            DeterministicKll.update(sketch, ((Number) value).doubleValue());
        }

        @Override
        public void merge(final Accumulator other) {
            final KllDoublesSketch that = ((Quantile) other).sketch;
            if (that == null) {
                return;
            }
            if (sketch == null) {
                sketch = that;
            } else {
                DeterministicKll.merge(sketch, that);
            }
        }

        @Override
        public Object result() {
            return sketch == null || sketch.isEmpty() ? null : sketch.getQuantile(rank);
        }
    }

    /** top_k: a frequent-items sketch; exact while a window has fewer distinct items than 3/4 of the map. */
    static final class TopK implements Accumulator {
        private static final Comparator<TopKItem> ORDER = Comparator.comparingLong(TopKItem::count).reversed()
                .thenComparing(item -> Values.asText(item.value()));

        private final int k;
        private final int maxMapSize;
        private ItemsSketch<Object> sketch;

        TopK(final int k) {
            this.k = k;
            this.maxMapSize = mapSizeFor(k);
        }

        /** A power of two with room for many more candidates than k, so the top k are estimated well. */
        static int mapSizeFor(final int k) {
            return Math.max(64, Integer.highestOneBit(Math.max(1, k) * 16 - 1) << 1);
        }

        @Override
        public void add(final Object value, final long eventTime, final long arrival) {
            if (sketch == null) {
                sketch = new ItemsSketch<>(maxMapSize);
            }
            sketch.update(value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean
                    ? value : Values.asText(value));
        }

        @Override
        public void merge(final Accumulator other) {
            final ItemsSketch<Object> that = ((TopK) other).sketch;
            if (that == null) {
                return;
            }
            if (sketch == null) {
                sketch = that;
            } else {
                sketch.merge(that);
            }
        }

        @Override
        public Object result() {
            final List<TopKItem> items = new ArrayList<>();
            if (sketch == null) {
                return items;
            }
            for (final ItemsSketch.Row<Object> row : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
                items.add(new TopKItem(row.getItem(), row.getEstimate()));
            }
            items.sort(ORDER);
            return items.size() > k ? new ArrayList<>(items.subList(0, k)) : items;
        }
    }
}
