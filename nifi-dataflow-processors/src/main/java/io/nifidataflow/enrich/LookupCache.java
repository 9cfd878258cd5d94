package io.nifidataflow.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A local cache in front of a slow lookup (a database, an HTTP API) that remembers misses as well as hits: a
 * stream asks about the same unknown user over and over, and each of those questions would otherwise go to the
 * service. Entries expire {@code expirationMillis} after they were loaded; when more than {@code capacity} are
 * held, the least recently used goes first. A capacity or expiration of 0 turns caching off.
 *
 * <p>Not thread-safe.</p>
 *
 * @param <V> the looked-up value
 */
public final class LookupCache<V> {

    /** Loads the value of a key from the service; an empty Optional is a miss. */
    @FunctionalInterface
    public interface Loader<V, E extends Exception> {
        Optional<V> load(String key) throws E;
    }

    private record Cached<V>(Optional<V> value, long expiresAt) {
    }

    private final int capacity;
    private final long expirationMillis;
    private final LinkedHashMap<String, Cached<V>> entries;
    private long loads;

    public LookupCache(final int capacity, final long expirationMillis) {
        if (capacity < 0 || expirationMillis < 0) {
            throw new IllegalArgumentException("Capacity and expiration must not be negative");
        }
        this.capacity = capacity;
        this.expirationMillis = expirationMillis;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, Cached<V>> eldest) {
                return size() > LookupCache.this.capacity;
            }
        };
    }

    /** The value of {@code key}, from the cache while fresh, else from {@code loader}. A failing load caches nothing. */
    public <E extends Exception> Optional<V> get(final String key, final long nowMillis, final Loader<V, E> loader) throws E {
        if (capacity == 0 || expirationMillis == 0) {
            loads++;
            return loader.load(key);
        }
        final Cached<V> cached = entries.get(key);
        if (cached != null && nowMillis < cached.expiresAt()) {
            return cached.value();
        }
        loads++;
        final Optional<V> loaded = loader.load(key);
        entries.put(key, new Cached<>(loaded, saturatedAdd(nowMillis, expirationMillis)));
        return loaded;
    }

    /** How many times the loader was called: the lookups the cache did not save. */
    public long loads() {
        return loads;
    }

    public int size() {
        return entries.size();
    }

    private static long saturatedAdd(final long a, final long b) {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
