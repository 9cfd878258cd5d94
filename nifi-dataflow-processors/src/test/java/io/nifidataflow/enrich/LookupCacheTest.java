package io.nifidataflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LookupCacheTest {

    private final Map<String, String> service = Map.of("u-1", "gold", "u-2", "silver");
    private final List<String> calls = new ArrayList<>();

    private Optional<String> load(final String key) {
        calls.add(key);
        return Optional.ofNullable(service.get(key));
    }

    @Test
    void aFreshEntryIsServedWithoutAskingTheService() {
        final LookupCache<String> cache = new LookupCache<>(10, 1_000);
        assertEquals(Optional.of("gold"), cache.get("u-1", 0, this::load));
        assertEquals(Optional.of("gold"), cache.get("u-1", 999, this::load));
        assertEquals(List.of("u-1"), calls);
        assertEquals(1, cache.loads());
    }

    @Test
    void missesAreRememberedToo() {
        final LookupCache<String> cache = new LookupCache<>(10, 1_000);
        assertEquals(Optional.empty(), cache.get("nobody", 0, this::load));
        assertEquals(Optional.empty(), cache.get("nobody", 1, this::load));
        assertEquals(List.of("nobody"), calls);
    }

    @Test
    void anEntryExpiresAfterTheExpiration() {
        final LookupCache<String> cache = new LookupCache<>(10, 1_000);
        cache.get("u-1", 0, this::load);
        cache.get("u-1", 1_000, this::load);
        assertEquals(List.of("u-1", "u-1"), calls, "reloaded once its expiration has passed");
        cache.get("u-1", 1_999, this::load);
        assertEquals(2, calls.size(), "and fresh again for another expiration");
    }

    @Test
    void theLeastRecentlyUsedEntryMakesRoom() {
        final LookupCache<String> cache = new LookupCache<>(2, 1_000);
        cache.get("u-1", 0, this::load);
        cache.get("u-2", 0, this::load);
        cache.get("u-1", 1, this::load);
        cache.get("u-3", 2, this::load);
        assertEquals(2, cache.size());
        cache.get("u-1", 3, this::load);
        assertEquals(List.of("u-1", "u-2", "u-3"), calls, "u-1 was used recently and stayed");
        cache.get("u-2", 4, this::load);
        assertEquals(List.of("u-1", "u-2", "u-3", "u-2"), calls, "u-2 was evicted");
    }

    @Test
    void sizeOrExpirationZeroTurnsCachingOff() {
        final LookupCache<String> noSize = new LookupCache<>(0, 1_000);
        noSize.get("u-1", 0, this::load);
        noSize.get("u-1", 0, this::load);
        final LookupCache<String> noTime = new LookupCache<>(10, 0);
        noTime.get("u-2", 0, this::load);
        noTime.get("u-2", 0, this::load);
        assertEquals(List.of("u-1", "u-1", "u-2", "u-2"), calls);
    }

    @Test
    void aFailingLoadCachesNothing() {
        final LookupCache<String> cache = new LookupCache<>(10, 1_000);
        assertThrows(IOException.class, () -> cache.get("u-1", 0, key -> {
            throw new IOException("down");
        }));
        assertEquals(Optional.of("gold"), cache.get("u-1", 1, this::load));
        assertEquals(List.of("u-1"), calls);
    }

    @Test
    void aHugeExpirationDoesNotOverflow() {
        final LookupCache<String> cache = new LookupCache<>(10, Long.MAX_VALUE);
        cache.get("u-1", 1_000, this::load);
        cache.get("u-1", Long.MAX_VALUE - 1, this::load);
        assertEquals(1, calls.size());
    }
}
