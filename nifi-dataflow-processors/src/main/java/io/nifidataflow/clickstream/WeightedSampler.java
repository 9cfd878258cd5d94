package io.nifidataflow.clickstream;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws indexes 0..n-1 with fixed weights in O(log n), from a cumulative table built once. */
final class WeightedSampler {

    private final double[] cumulative;

    WeightedSampler(final double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("At least one weight is required");
        }
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    /** Weights proportional to 1 / rank^exponent: the long tail of popularity that real catalogs show. */
    static WeightedSampler zipf(final int n, final double exponent) {
        final double[] weights = new double[n];
        for (int rank = 0; rank < n; rank++) {
            weights[rank] = 1.0 / Math.pow(rank + 1, exponent);
        }
        return new WeightedSampler(weights);
    }

    int sample(final SplittableRandom random) {
        final double target = random.nextDouble() * cumulative[cumulative.length - 1];
        final int found = Arrays.binarySearch(cumulative, target);
        final int index = found >= 0 ? found + 1 : -found - 1;
        return Math.min(index, cumulative.length - 1);
    }

    int size() {
        return cumulative.length;
    }
}
