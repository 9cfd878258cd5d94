package io.nifidataflow.window.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTest {

    private static final FieldRef A = new FieldRef("/a", 0);

    private static Condition compare(final Condition.Operator operator, final Object literal) {
        return new Condition.Comparison(A, operator, literal);
    }

    private static int on(final Condition condition, final Object value) {
        return condition.evaluate(new Object[] {value});
    }

    @Test
    void aNumberLiteralComparesNumbersAndNumericStringsNumerically() {
        final Condition atLeastTen = compare(Condition.Operator.GE, 10L);
        assertEquals(Condition.TRUE, on(atLeastTen, 10));
        assertEquals(Condition.TRUE, on(atLeastTen, 10.5));
        assertEquals(Condition.TRUE, on(atLeastTen, "12"));
        assertEquals(Condition.FALSE, on(atLeastTen, "9.99"));
        assertEquals(Condition.UNKNOWN, on(atLeastTen, "twelve"));
        assertEquals(Condition.TRUE, on(compare(Condition.Operator.EQ, 2L), 2.0));
    }

    @Test
    void aStringLiteralComparesText() {
        final Condition purchase = compare(Condition.Operator.EQ, "purchase");
        assertEquals(Condition.TRUE, on(purchase, "purchase"));
        assertEquals(Condition.FALSE, on(purchase, "Purchase"));
        assertEquals(Condition.TRUE, on(compare(Condition.Operator.EQ, "5"), 5));
        assertEquals(Condition.TRUE, on(compare(Condition.Operator.LT, "b"), "a"));
        assertEquals(Condition.TRUE, on(compare(Condition.Operator.GE, "2026-01-01T00:00:00Z"),
                Timestamp.from(Instant.parse("2026-06-01T00:00:00Z"))));
    }

    @Test
    void aBooleanLiteralComparesBooleansAndTheirText() {
        final Condition isTrue = compare(Condition.Operator.EQ, Boolean.TRUE);
        assertEquals(Condition.TRUE, on(isTrue, true));
        assertEquals(Condition.TRUE, on(isTrue, "TRUE"));
        assertEquals(Condition.FALSE, on(isTrue, false));
        assertEquals(Condition.UNKNOWN, on(isTrue, 1));
    }

    @Test
    void nullMakesComparisonsUnknownAndUnknownIsNotTrue() {
        final Condition purchase = compare(Condition.Operator.EQ, "purchase");
        final Condition notPurchase = new Condition.Not(purchase);
        assertEquals(Condition.UNKNOWN, on(purchase, null));
        assertEquals(Condition.UNKNOWN, on(notPurchase, null));
        assertFalse(notPurchase.test(new Object[] {null}));
        assertEquals(Condition.UNKNOWN, on(new Condition.In(A, List.of("x"), true), null));
        assertEquals(Condition.TRUE, on(new Condition.IsNull(A, false), null));
        assertEquals(Condition.FALSE, on(new Condition.IsNull(A, true), null));
    }

    @Test
    void andOrFollowThreeValuedLogic() {
        final Condition unknown = compare(Condition.Operator.EQ, "x");
        final Condition yes = new Condition.IsNull(A, false);
        final Condition no = new Condition.IsNull(A, true);
        final Object[] nothing = {null};
        assertEquals(Condition.FALSE, new Condition.And(unknown, no).evaluate(nothing));
        assertEquals(Condition.UNKNOWN, new Condition.And(unknown, yes).evaluate(nothing));
        assertEquals(Condition.TRUE, new Condition.Or(unknown, yes).evaluate(nothing));
        assertEquals(Condition.UNKNOWN, new Condition.Or(unknown, no).evaluate(nothing));
        assertTrue(new Condition.Or(no, yes).test(nothing));
    }

    @Test
    void inMatchesAnyLiteral() {
        final Condition browsing = new Condition.In(A, List.of("view", "search"), false);
        assertEquals(Condition.TRUE, on(browsing, "search"));
        assertEquals(Condition.FALSE, on(browsing, "purchase"));
        assertEquals(Condition.TRUE, on(new Condition.In(A, List.of("view", "search"), true), "purchase"));
        assertEquals(Condition.TRUE, on(new Condition.In(A, List.of(1L, 2L), false), 2));
    }
}
