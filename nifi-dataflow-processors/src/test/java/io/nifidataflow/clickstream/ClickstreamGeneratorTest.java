package io.nifidataflow.clickstream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClickstreamGeneratorTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Pattern ISO_MILLIS_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static ClickstreamSettings settings(final long seed, final long maxDelayMillis, final double duplicates, final double malformed) {
        return new ClickstreamSettings(1_000, 500, 20, seed, START, 0.3, maxDelayMillis, duplicates, malformed);
    }

    private static List<ClickEvent> take(final ClickstreamGenerator generator, final int count) {
        final List<ClickEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(generator.next());
        }
        return events;
    }

    private static long millis(final ClickEvent event) {
        return Instant.parse(event.eventTime()).toEpochMilli();
    }

    @Nested
    class Determinism {
        @Test
        void theSameSeedGivesTheSameStream() {
            assertEquals(take(new ClickstreamGenerator(settings(7, 5_000, 0.1, 0.1)), 20_000),
                    take(new ClickstreamGenerator(settings(7, 5_000, 0.1, 0.1)), 20_000));
        }

        @Test
        void anotherSeedGivesAnotherStream() {
            assertNotEquals(take(new ClickstreamGenerator(settings(7, 0, 0, 0)), 100),
                    take(new ClickstreamGenerator(settings(8, 0, 0, 0)), 100));
        }

        @Test
        void noiseSettingsNeverChangeTheCleanEvents() {
            final List<ClickEvent> clean = take(new ClickstreamGenerator(settings(3, 0, 0, 0)), 10_000);
            final ClickstreamGenerator noisy = new ClickstreamGenerator(settings(3, 0, 0.15, 0.2));
            final List<ClickEvent> cleanOfNoisy = new ArrayList<>();
            while (cleanOfNoisy.size() < clean.size()) {
                final ClickEvent event = noisy.next();
                if (noisy.lastKind() == ClickstreamGenerator.Kind.CLEAN) {
                    cleanOfNoisy.add(event);
                }
            }
            assertEquals(clean, cleanOfNoisy);
        }

        @Test
        void theCatalogDependsOnlyOnItsSettings() {
            final Catalog a = new Catalog(500, 20, 11);
            final Catalog b = new ClickstreamGenerator(settings(11, 0, 0, 0)).catalog();
            assertEquals(a.products(), b.products());
            assertEquals(a.categories(), b.categories());
        }
    }

    @Nested
    class Shape {
        private final List<ClickEvent> events = take(new ClickstreamGenerator(settings(1, 0, 0, 0)), 200_000);

        @Test
        void everyEventHasItsFieldsAndOnlyThose() {
            final Set<String> types = new HashSet<>();
            for (final ClickEvent e : events) {
                types.add(e.eventType());
                assertTrue(UUID.matcher(e.eventId()).matches(), e.eventId());
                assertTrue(ISO_MILLIS_UTC.matcher(e.eventTime()).matches(), e.eventTime());
                assertTrue(e.userId().startsWith("u-"), e.userId());
                assertTrue(Set.of("web", "ios", "android").contains(e.device()));
                assertNotNull(e.country());
                if (e.eventType().equals("search")) {
                    assertNotNull(e.searchQuery());
                    assertAll(() -> assertNull(e.productId()), () -> assertNull(e.category()), () -> assertNull(e.price()), () -> assertNull(e.quantity()));
                } else {
                    assertNull(e.searchQuery());
                    assertNotNull(e.productId());
                    assertNotNull(e.category());
                    assertTrue((Double) e.price() > 0);
                    if (e.eventType().equals("view")) {
                        assertNull(e.quantity());
                    } else {
                        assertTrue((Integer) e.quantity() >= 1);
                    }
                }
            }
            assertEquals(Set.of("view", "search", "add_to_cart", "remove_from_cart", "purchase"), types);
        }

        @Test
        void cleanEventsArriveInEventTimeOrder() {
            for (int i = 1; i < events.size(); i++) {
                assertTrue(millis(events.get(i - 1)) <= millis(events.get(i)), "at " + i);
            }
        }

        @Test
        void eventIdsAreUnique() {
            final Set<String> ids = new HashSet<>();
            events.forEach(e -> assertTrue(ids.add(e.eventId()), e.eventId()));
        }

        @Test
        void purchasesFollowCartAdditionsAtTheConversionRate() {
            final Map<String, Long> byType = countBy(events, ClickEvent::eventType);
            final double conversion = (double) byType.get("purchase") / byType.get("add_to_cart");
            assertEquals(0.3, conversion, 0.03, "purchase/add_to_cart " + byType);
            assertTrue(byType.get("view") > byType.get("add_to_cart"), "views outnumber cart additions " + byType);
            assertTrue(byType.get("add_to_cart") > byType.get("purchase"), byType.toString());
        }

        @Test
        void everyPurchaseWasAddedToTheCartEarlierInTheSession() {
            final Map<String, Set<String>> cartByUser = new HashMap<>();
            for (final ClickEvent e : events) {
                final Set<String> cart = cartByUser.computeIfAbsent(e.userId(), u -> new HashSet<>());
                switch (e.eventType()) {
                    case "add_to_cart" -> cart.add(e.productId());
                    case "purchase", "remove_from_cart" -> assertTrue(cart.remove(e.productId()), e.toString());
                    default -> { }
                }
            }
        }

        @Test
        void productPopularityIsZipfLike() {
            final Map<String, Long> views = countBy(events.stream().filter(e -> e.eventType().equals("view")).toList(), ClickEvent::productId);
            final List<Long> sorted = views.values().stream().sorted((a, b) -> Long.compare(b, a)).toList();
            // Zipf with exponent 1.1: the best seller is viewed far more than the tenth, which beats the hundredth.
            assertTrue(sorted.get(0) > 5 * sorted.get(9), sorted.subList(0, 10).toString());
            assertTrue(sorted.get(9) > 3 * sorted.get(99), sorted.get(9) + " vs " + sorted.get(99));
        }

        @Test
        void everyCategoryAppearsAndProductsKeepTheirCategoryAndPrice() {
            final Catalog catalog = new Catalog(500, 20, 1);
            final Map<String, Catalog.Product> byId = new HashMap<>();
            catalog.products().forEach(p -> byId.put(p.id(), p));
            final Set<String> categories = new HashSet<>();
            for (final ClickEvent e : events) {
                if (e.productId() != null) {
                    final Catalog.Product product = byId.get(e.productId());
                    assertEquals(product.category(), e.category());
                    assertEquals(product.price(), e.price());
                    categories.add(e.category());
                }
            }
            assertEquals(20, categories.size());
        }

        @Test
        void devicesAndCountriesAreSpreadLikeARealStore() {
            final Map<String, Long> devices = countBy(events, ClickEvent::device);
            assertEquals(0.5, devices.get("web") / (double) events.size(), 0.1, devices.toString());
            assertEquals(0.2, devices.get("android") / (double) events.size(), 0.1, devices.toString());
            assertTrue(countBy(events, ClickEvent::country).size() >= 10);
        }

        @Test
        void sessionsAreSeparatedByInactivityGapsOfAtLeastHalfAnHour() {
            final Map<String, Long> lastSeen = new HashMap<>();
            int sessions = 0;
            int inSession = 0;
            for (final ClickEvent e : events) {
                final long t = millis(e);
                final Long previous = lastSeen.put(e.userId(), t);
                if (previous == null) {
                    sessions++;
                    continue;
                }
                final long gap = t - previous;
                assertFalse(gap > Duration.ofMinutes(10).toMillis() && gap < Duration.ofMinutes(30).toMillis(),
                        "a gap of " + gap + " ms is neither a think time nor an inactivity gap");
                if (gap >= Duration.ofMinutes(30).toMillis()) {
                    sessions++;
                } else {
                    inSession++;
                }
            }
            final double eventsPerSession = (double) events.size() / sessions;
            assertTrue(eventsPerSession > 4 && eventsPerSession < 20, "events per session " + eventsPerSession);
            assertTrue(inSession > sessions, "sessions hold several events");
        }

        @Test
        void eventTimeAdvancesAtAboutUsersOver400PerSecond() {
            final double seconds = (millis(events.get(events.size() - 1)) - millis(events.get(0))) / 1000.0;
            final double perSecond = events.size() / seconds;
            assertEquals(1_000 / 400.0, perSecond, 1_000 / 400.0 * 0.3, "events per second of event time");
        }
    }

    @Nested
    class Imperfections {
        @Test
        void outOfOrderDeliveryStaysWithinTheMaximumDelay() {
            final List<ClickEvent> events = take(new ClickstreamGenerator(settings(5, 60_000, 0, 0)), 50_000);
            long maxSeen = Long.MIN_VALUE;
            long worst = 0;
            int reordered = 0;
            for (final ClickEvent e : events) {
                final long t = millis(e);
                if (t < maxSeen) {
                    reordered++;
                    worst = Math.max(worst, maxSeen - t);
                }
                maxSeen = Math.max(maxSeen, t);
            }
            assertTrue(worst <= 60_000, "worst lateness " + worst);
            assertTrue(worst > 30_000, "disorder uses the allowed range, worst " + worst);
            assertTrue(reordered > events.size() / 20, "reordered " + reordered);
        }

        @Test
        void outOfOrderDeliveryLosesAndInventsNothing() {
            final Set<ClickEvent> ordered = new HashSet<>(take(new ClickstreamGenerator(settings(5, 0, 0, 0)), 20_000));
            final List<ClickEvent> shuffled = take(new ClickstreamGenerator(settings(5, 10_000, 0, 0)), 19_000);
            assertTrue(ordered.containsAll(shuffled));
        }

        @Test
        void duplicatesRepeatAnEarlierEventExactlyAtTheConfiguredRate() {
            final ClickstreamGenerator generator = new ClickstreamGenerator(settings(9, 0, 0.1, 0));
            final Map<String, ClickEvent> seen = new HashMap<>();
            int duplicates = 0;
            for (int i = 0; i < 100_000; i++) {
                final ClickEvent e = generator.next();
                final ClickEvent earlier = seen.putIfAbsent(e.eventId(), e);
                if (generator.lastKind() == ClickstreamGenerator.Kind.DUPLICATE) {
                    duplicates++;
                    assertEquals(earlier, e);
                } else {
                    assertNull(earlier, "a clean event has a new id");
                }
            }
            assertEquals(duplicates, generator.duplicatesEmitted());
            assertEquals(0.1, duplicates / 100_000.0, 0.005);
        }

        @Test
        void malformedRecordsAreReallyBrokenAtTheConfiguredRate() {
            final ClickstreamGenerator generator = new ClickstreamGenerator(settings(9, 0, 0.1, 0.2));
            final Set<String> ids = new HashSet<>();
            final Map<String, Long> reasons = new HashMap<>();
            int malformed = 0;
            for (int i = 0; i < 100_000; i++) {
                final ClickEvent e = generator.next();
                final String reason = brokenBecause(e);
                if (generator.lastKind() == ClickstreamGenerator.Kind.MALFORMED) {
                    malformed++;
                    assertNotNull(reason, "malformed but valid: " + e);
                    reasons.merge(reason, 1L, Long::sum);
                    assertTrue(e.eventId() == null || ids.add(e.eventId()), "a malformed record is never a duplicate");
                } else {
                    assertNull(reason, "clean or duplicate but broken: " + e);
                    if (generator.lastKind() == ClickstreamGenerator.Kind.CLEAN) {
                        ids.add(e.eventId());
                    }
                }
            }
            assertEquals(malformed, generator.malformedEmitted());
            assertEquals(0.2, malformed / 100_000.0, 0.006);
            assertEquals(0.1, generator.duplicatesEmitted() / 100_000.0, 0.006);
            assertEquals(Set.of("missing id", "blank user", "bad time", "non-numeric price", "negative quantity"), reasons.keySet());
        }

        private static String brokenBecause(final ClickEvent e) {
            if (e.eventId() == null) {
                return "missing id";
            }
            if (e.userId().isBlank()) {
                return "blank user";
            }
            try {
                Instant.parse(e.eventTime());
            } catch (final DateTimeParseException ex) {
                return "bad time";
            }
            if (e.price() instanceof String) {
                return "non-numeric price";
            }
            if (e.quantity() instanceof Integer q && q < 0) {
                return "negative quantity";
            }
            return null;
        }
    }

    @Nested
    class InvalidSettings {
        @Test
        void areRejectedWithEveryReason() {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ClickstreamSettings(0, 5, 6, 1, START, 1.5, -1, 0.6, 0.5));
            final String message = e.getMessage();
            assertAll(
                    () -> assertTrue(message.contains("Users must be at least 1"), message),
                    () -> assertTrue(message.contains("Categories must be between 1 and Products (5)"), message),
                    () -> assertTrue(message.contains("Conversion Rate must be between 0 and 1"), message),
                    () -> assertTrue(message.contains("Out-of-Order Max Delay must not be negative"), message),
                    () -> assertTrue(message.contains("Duplicate Rate plus Malformed Rate must be below 1"), message));
        }

        @Test
        void aMissingStartTimeIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> new ClickstreamSettings(1, 1, 1, 1, null, 0.1, 0, 0, 0));
        }

        @Test
        void theSmallestStoreStillWorks() {
            final List<ClickEvent> events = take(new ClickstreamGenerator(new ClickstreamSettings(1, 1, 1, 1, START, 1.0, 0, 0, 0)), 1_000);
            assertTrue(events.stream().allMatch(e -> e.userId().equals("u-000000")));
        }
    }

    private static <K> Map<K, Long> countBy(final List<ClickEvent> events, final java.util.function.Function<ClickEvent, K> key) {
        final Map<K, Long> counts = new HashMap<>();
        events.forEach(e -> counts.merge(key.apply(e), 1L, Long::sum));
        return counts;
    }
}
