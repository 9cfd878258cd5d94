package io.nifidataflow.enrich;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * How much heap EnrichEvent's state takes at the sizes: one million remembered event ids (UUIDs) and one
 * million tracked users, each with a full recent-products list and a cart. Run it in a 512 MB heap:
 * {@code EnrichMemoryFootprintTest} does, or by hand
 * {@code java -Xmx512m -cp <test classpath> io.nifidataflow.enrich.EnrichMemoryFootprint [ids] [users]}.
 * It fails with OutOfMemoryError if the state does not fit.
 */
public final class EnrichMemoryFootprint {

    private EnrichMemoryFootprint() {
    }

    public static void main(final String[] args) {
        final int ids = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int users = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        final long baseline = usedHeap();

        final long now = System.currentTimeMillis();
        final LocalDeduplicator dedupe = new LocalDeduplicator(ids, 600_000);
        final SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < ids; i++) {
            if (dedupe.isDuplicate(new UUID(random.nextLong(), random.nextLong()).toString(), now)) {
                throw new IllegalStateException("a random UUID was taken for a duplicate");
            }
        }
        dedupe.commit();
        final long afterIds = usedHeap();

        final SessionTracker sessions = new SessionTracker(1_800_000, 10, users);
        final int historySize = 10;
        for (int user = 0; user < users; user++) {
            final String userId = String.format(Locale.ROOT, "u-%07d", user);
            for (int event = 0; event < historySize; event++) {
                sessions.observe(userId, now + event, "view", String.format(Locale.ROOT, "p-%05d", random.nextInt(5_000)));
            }
            sessions.observe(userId, now + historySize, "add_to_cart", String.format(Locale.ROOT, "p-%05d", random.nextInt(5_000)));
            sessions.observe(userId, now + historySize + 1, "add_to_cart", String.format(Locale.ROOT, "p-%05d", random.nextInt(5_000)));
            if (user % 1_000 == 0) {
                sessions.commit();
            }
        }
        sessions.commit();
        final long afterUsers = usedHeap();

        final long idBytes = afterIds - baseline;
        final long userBytes = afterUsers - afterIds;
        System.out.printf(Locale.ROOT, "%,d remembered ids: %,.1f MB (%d bytes per id, capacity allocated up front)%n", dedupe.remembered(),
                idBytes / 1e6, idBytes / Math.max(1, dedupe.remembered()));
        System.out.printf(Locale.ROOT, "%,d tracked users with 10 recent products and 2 in the cart: %,.1f MB (%d bytes per user)%n",
                sessions.trackedUsers(), userBytes / 1e6, userBytes / Math.max(1, sessions.trackedUsers()));
        System.out.printf(Locale.ROOT, "state in total: %,.1f MB of a %,.0f MB heap%n", (idBytes + userBytes) / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        // Keep both alive until measured.
        if (dedupe.remembered() + sessions.trackedUsers() < 0) {
            System.out.println();
        }
    }

    private static long usedHeap() {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
