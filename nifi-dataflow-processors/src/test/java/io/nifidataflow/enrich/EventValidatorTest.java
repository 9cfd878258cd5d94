package io.nifidataflow.enrich;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nifidataflow.enrich.Violation.Rule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
    private static final String TIME = "2026-06-01T11:59:00Z";

    private final EventValidator validator = new EventValidator(ValidationRules.clickstreamDefaults());

    private static RawEvent event(final Object id, final Object time, final Object user, final Object type, final Object price, final Object quantity) {
        return new RawEvent(id, time, user, type, new Object[] {price, quantity}, List.of());
    }

    private Validation validate(final RawEvent event) {
        return validator.validate(event, NOW);
    }

    private List<Rule> rules(final RawEvent event) {
        return validate(event).violations().stream().map(Violation::rule).toList();
    }

    @Test
    void aCleanEventIsNormalized() {
        final Validation validation = validate(event(" e-1 ", TIME, "u-1", " View ", 12.5, 2));
        assertTrue(validation.isValid());
        final ValidEvent event = validation.event();
        assertEquals("e-1", event.eventId());
        assertEquals("u-1", event.userId());
        assertEquals(Instant.parse(TIME).toEpochMilli(), event.eventTimeMillis());
        assertEquals("view", event.eventType(), "types are compared and written in lower case");
        assertArrayEquals(new Object[] {12.5, 2}, event.numbers());
    }

    @Test
    void missingOrBlankIdsAndUsersAreInvalid() {
        assertEquals(List.of(Rule.MISSING_EVENT_ID), rules(event(null, TIME, "u", "view", null, null)));
        assertEquals(List.of(Rule.MISSING_EVENT_ID), rules(event("  \t", TIME, "u", "view", null, null)));
        assertEquals(List.of(Rule.MISSING_USER_ID), rules(event("e", TIME, "", "view", null, null)));
        assertEquals(List.of(Rule.MISSING_USER_ID), rules(event("e", TIME, "   ", "view", null, null)));
        assertEquals(List.of(Rule.MISSING_USER_ID), rules(event("e", TIME, null, "view", null, null)));
    }

    @Test
    void numericIdsAreTakenInTheirStringForm() {
        final ValidEvent event = validate(event(42L, TIME, 7, "view", null, null)).event();
        assertEquals("42", event.eventId());
        assertEquals("7", event.userId());
        assertEquals("7", validate(event("e", TIME, 7.0, "view", null, null)).event().userId(), "7.0 is the user 7");
        assertEquals("7.5", validate(event("e", TIME, new BigDecimal("7.50"), "view", null, null)).event().userId());
    }

    @Test
    void idsOfOtherTypesAreInvalid() {
        assertEquals(List.of(Rule.INVALID_EVENT_ID, Rule.INVALID_USER_ID),
                rules(event(Map.of("a", 1), TIME, new Object[] {"u"}, "view", null, null)));
        assertEquals(List.of(Rule.INVALID_USER_ID), rules(event("e", TIME, Double.NaN, "view", null, null)));
        assertEquals(List.of(Rule.INVALID_USER_ID), rules(event("e", TIME, true, "view", null, null)));
    }

    @Test
    void eventTimeMustBeParseable() {
        assertEquals(List.of(Rule.MISSING_EVENT_TIME), rules(event("e", null, "u", "view", null, null)));
        assertEquals(List.of(Rule.UNPARSEABLE_EVENT_TIME), rules(event("e", "2026-06-01", "u", "view", null, null)));
        assertEquals(List.of(Rule.UNPARSEABLE_EVENT_TIME), rules(event("e", "", "u", "view", null, null)));
        assertEquals(List.of(Rule.UNPARSEABLE_EVENT_TIME), rules(event("e", 1.5e12 + 0.5, "u", "view", null, null)));
    }

    @Test
    void eventTimeMayLieUpToTheSkewInTheFuture() {
        final long skew = ValidationRules.clickstreamDefaults().maxFutureSkewMillis();
        assertTrue(validate(event("e", NOW + skew, "u", "view", null, null)).isValid(), "exactly the skew ahead is accepted");
        assertEquals(List.of(Rule.FUTURE_EVENT_TIME), rules(event("e", NOW + skew + 1, "u", "view", null, null)));
        assertEquals(List.of(Rule.FUTURE_EVENT_TIME), rules(event("e", "9999-12-31T23:59:59Z", "u", "view", null, null)));
        assertTrue(validate(event("e", "1969-07-20T20:17:40Z", "u", "view", null, null)).isValid(), "the past has no limit");
    }

    @Test
    void allowedEventTypesAreCaseInsensitive() {
        final EventValidator strict = new EventValidator(new ValidationRules("/id", "/t", "/u", "/type", Set.of("View", "PURCHASE"),
                List.of(), 0));
        final RawEvent upper = new RawEvent("e", TIME, "u", "VIEW", new Object[0], List.of());
        assertEquals("view", strict.validate(upper, NOW).event().eventType());
        final Validation other = strict.validate(new RawEvent("e", TIME, "u", "search", new Object[0], List.of()), NOW);
        assertEquals(List.of(Rule.EVENT_TYPE_NOT_ALLOWED), other.violations().stream().map(Violation::rule).toList());
        assertEquals("event type not allowed at /type: 'search'", other.reasons());
        final Validation none = strict.validate(new RawEvent("e", TIME, "u", null, new Object[0], List.of()), NOW);
        assertFalse(none.isValid(), "with a list of allowed types, a missing type is not one of them");
    }

    @Test
    void withoutAllowedTypesAnyTypeAndNoTypeAreAccepted() {
        assertTrue(validate(event("e", TIME, "u", "anything_at_all", null, null)).isValid());
        assertNull(validate(event("e", TIME, "u", null, null, null)).event().eventType());
        assertEquals(List.of(Rule.EVENT_TYPE_NOT_ALLOWED), rules(event("e", TIME, "u", Map.of(), null, null)), "a type must be a scalar");
    }

    @Test
    void missingRequiredFieldsAreInvalid() {
        final RawEvent event = new RawEvent("e", TIME, "u", "view", new Object[] {null, null}, List.of("/device", "/country"));
        assertEquals("missing required field at /device; missing required field at /country", validate(event).reasons());
    }

    @Test
    void numbersMustBeFiniteAndNonNegative() {
        assertEquals(List.of(Rule.NOT_FINITE), rules(event("e", TIME, "u", "view", Double.NaN, null)));
        assertEquals(List.of(Rule.NOT_FINITE), rules(event("e", TIME, "u", "view", Double.POSITIVE_INFINITY, null)));
        assertEquals(List.of(Rule.NOT_FINITE), rules(event("e", TIME, "u", "view", "NaN", null)));
        assertEquals(List.of(Rule.NOT_FINITE), rules(event("e", TIME, "u", "view", "-Infinity", null)));
        assertEquals(List.of(Rule.NOT_FINITE), rules(event("e", TIME, "u", "view", "1e400", null)));
        assertEquals(List.of(Rule.NEGATIVE_NUMBER), rules(event("e", TIME, "u", "view", -0.01, null)));
        assertEquals(List.of(Rule.NEGATIVE_NUMBER), rules(event("e", TIME, "u", "view", null, -1)));
        assertEquals(List.of(Rule.NEGATIVE_NUMBER), rules(event("e", TIME, "u", "view", "-3", null)));
        assertTrue(validate(event("e", TIME, "u", "view", 0.0, 0)).isValid(), "zero is not negative");
    }

    @Test
    void valuesOfTheWrongTypeAreNotNumbers() {
        assertEquals(List.of(Rule.NOT_A_NUMBER), rules(event("e", TIME, "u", "view", "N/A", null)));
        assertEquals(List.of(Rule.NOT_A_NUMBER), rules(event("e", TIME, "u", "view", "twelve dollars", null)));
        assertEquals(List.of(Rule.NOT_A_NUMBER), rules(event("e", TIME, "u", "view", "0x1p3", null)), "no hexadecimal floats");
        assertEquals(List.of(Rule.NOT_A_NUMBER), rules(event("e", TIME, "u", "view", "12d", null)), "no type suffixes");
        assertEquals(List.of(Rule.NOT_A_NUMBER), rules(event("e", TIME, "u", "view", true, null)));
        assertEquals(List.of(Rule.NOT_A_NUMBER), rules(event("e", TIME, "u", "view", null, Map.of("n", 1))));
    }

    @Test
    void numericStringsAreConverted() {
        final Object[] numbers = validate(event("e", TIME, "u", "view", " 12.50 ", "3")).event().numbers();
        assertEquals(12.5, numbers[0]);
        assertEquals(3L, numbers[1]);
        assertEquals(1000.0, validate(event("e", TIME, "u", "view", "1e3", null)).event().numbers()[0]);
        assertNull(validate(event("e", TIME, "u", "view", "  ", null)).event().numbers()[0], "a blank string counts as absent");
    }

    @Test
    void numbersThatNeedNoConversionAreTheSameArray() {
        final RawEvent event = event("e", TIME, "u", "view", 12.5, 2);
        assertSame(event.numbers(), validate(event).event().numbers());
    }

    @Test
    void everyReasonIsReportedInRuleOrder() {
        final Validation validation = validate(event(null, "yesterday", " ", "view", "N/A", -2));
        assertEquals(List.of(Rule.MISSING_EVENT_ID, Rule.MISSING_USER_ID, Rule.UNPARSEABLE_EVENT_TIME, Rule.NOT_A_NUMBER, Rule.NEGATIVE_NUMBER),
                validation.violations().stream().map(Violation::rule).toList());
        assertEquals("missing event id at /event_id; missing user id at /user_id; unparseable event time at /event_time: 'yesterday'; "
                + "not a number at /price: 'N/A'; negative number at /quantity: -2", validation.reasons());
    }

    @Test
    void hugeValuesAreShortenedInReasons() {
        final String huge = "x".repeat(5_000_000);
        final String reasons = validate(event("e", huge, "u", "view", null, null)).reasons();
        assertTrue(reasons.length() < 200, reasons.length() + " characters");
        assertTrue(reasons.startsWith("unparseable event time at /event_time: 'xxxx"));
        assertTrue(reasons.endsWith("(5000000 characters)'"));
    }
}
