package io.nifidataflow.window.aggregate;

import java.lang.reflect.Field;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;

/**
 * KLL sketches whose results depend only on what was added to them. KLL compacts with coin flips from one
 * JVM-wide {@link Random} in DataSketches; that would make approx_quantile differ between a run and its replay
 * after a restart, and between Bounded and Streaming runs. So before each update or merge the shared random is
 * seeded from the sketch's own item count, under a lock held for the whole operation: a sketch then flips the
 * same coins whenever it sees the same values in the same order. The accuracy guarantee is per sketch and holds,
 * since each compaction of a sketch still gets its own pseudo-random coin.
 *
 * <p>If a future DataSketches hides the field, sketches fall back to the library's own randomness: still within
 * the documented error, but no longer identical across replays; a test guards against that silently happening.</p>
 */
final class DeterministicKll {

    private static final Random COINS = sharedRandom();

    private DeterministicKll() {
    }

    private static Random sharedRandom() {
        try {
            final Field field = KllSketch.class.getDeclaredField("random");
            field.setAccessible(true);
            return (Random) field.get(null);
        } catch (final ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** True when the coin flips are under control; false means replays can differ slightly. */
    static boolean isDeterministic() {
        return COINS != null;
    }

    static void update(final KllDoublesSketch sketch, final double value) {
        if (COINS == null) {
            sketch.update(value);
            return;
        }
        synchronized (COINS) {
            COINS.setSeed(0x9E3779B97F4A7C15L * (sketch.getN() + 1));
            sketch.update(value);
        }
    }

    static void merge(final KllDoublesSketch into, final KllDoublesSketch from) {
        if (COINS == null) {
            into.merge(from);
            return;
        }
        synchronized (COINS) {
            COINS.setSeed(0xC2B2AE3D27D4EB4FL * (into.getN() + 1) ^ from.getN());
            into.merge(from);
        }
    }
}
