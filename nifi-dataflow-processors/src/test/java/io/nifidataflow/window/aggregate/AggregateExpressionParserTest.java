package io.nifidataflow.window.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateExpressionParserTest {

    private final PathSlots slots = new PathSlots();
    private final AggregateExpressionParser parser = new AggregateExpressionParser(slots,
            path -> path.contains("[[") ? "unexpected '['" : null);

    private AggregateSpec parse(final String expression) throws ExpressionException {
        return parser.parse("out", expression);
    }

    private ExpressionException failure(final String expression) {
        return assertThrows(ExpressionException.class, () -> parse(expression), expression);
    }

    @Test
    void parsesEveryFunction() throws ExpressionException {
        assertEquals(AggregateFunction.COUNT, parse("count()").function());
        assertNull(parse("count()").input());
        assertEquals("/user_id", parse("count(/user_id)").input().path());
        assertEquals(AggregateFunction.SUM, parse("sum(/price)").function());
        assertEquals(AggregateFunction.AVG, parse("AVG( /price )").function());
        assertEquals(AggregateFunction.MIN, parse("min(/price)").function());
        assertEquals(AggregateFunction.MAX, parse("max(/price)").function());
        assertEquals(AggregateFunction.FIRST, parse("first(/event_type)").function());
        assertEquals(AggregateFunction.LAST, parse("last(/event_type)").function());
        assertEquals(AggregateFunction.COUNT_DISTINCT, parse("count_distinct(/user_id)").function());
        final AggregateSpec quantile = parse("approx_quantile(/price, 0.95)");
        assertEquals(AggregateFunction.APPROX_QUANTILE, quantile.function());
        assertEquals(0.95, quantile.parameter());
        final AggregateSpec top = parse("top_k(/product_id, 10)");
        assertEquals(10.0, top.parameter());
        assertEquals("out", top.name());
    }

    @Test
    void sharesOneSlotPerDistinctPath() throws ExpressionException {
        final AggregateSpec a = parse("sum(/price) where /event_type = 'purchase'");
        final AggregateSpec b = parse("count(/price) where /event_type in ('view', 'search')");
        assertEquals(a.input().slot(), b.input().slot());
        assertEquals(List.of("/price", "/event_type"), slots.paths());
    }

    @Test
    void parsesFiltersWithComparisonsListsNullTestsAndLogic() throws ExpressionException {
        final Condition filter = parse("sum(/price) where /event_type = 'purchase' and not (/quantity < 2 or /device is null)").filter();
        final int type = slots.slotFor("/event_type");
        final int quantity = slots.slotFor("/quantity");
        final int device = slots.slotFor("/device");
        final Object[] values = new Object[slots.size()];
        values[type] = "purchase";
        values[quantity] = 3;
        values[device] = "web";
        assertTrue(filter.test(values));
        values[quantity] = 1;
        assertEquals(Condition.FALSE, filter.evaluate(values));
        values[quantity] = 3;
        values[device] = null;
        assertEquals(Condition.FALSE, filter.evaluate(values));

        final Condition in = parse("count() WHERE /event_type NOT IN ('view','search')").filter();
        assertInstanceOf(Condition.In.class, in);
        values[type] = "purchase";
        assertTrue(in.test(values));
        assertInstanceOf(Condition.IsNull.class, parse("count() where /device is not null").filter());
    }

    @Test
    void acceptsRecordPathPredicatesAndFunctions() throws ExpressionException {
        assertEquals("/items[./qty > 1]/price", parse("sum(/items[./qty > 1]/price)").input().path());
        assertEquals("toLowerCase(/category)", parse("count_distinct(toLowerCase(/category))").input().path());
        final AggregateSpec spec = parse("count() where substringBefore(/user_id, '-') = 'u'");
        assertEquals("substringBefore(/user_id, '-')", ((Condition.Comparison) spec.filter()).field().path());
    }

    @Test
    void readsLiteralsOfEveryKind() throws ExpressionException {
        assertEquals("it's", ((Condition.Comparison) parse("count() where /a = 'it''s'").filter()).literal());
        assertEquals("dq", ((Condition.Comparison) parse("count() where /a = \"dq\"").filter()).literal());
        assertEquals(-2L, ((Condition.Comparison) parse("count() where /a >= -2").filter()).literal());
        assertEquals(1.5e3, ((Condition.Comparison) parse("count() where /a <> 1.5e3").filter()).literal());
        assertEquals(Boolean.TRUE, ((Condition.Comparison) parse("count() where /a = TRUE").filter()).literal());
    }

    @Test
    void namesThePositionAndTheProblem() {
        assertProblem("", 1, "empty");
        assertProblem("summ(/price)", 1, "unknown function 'summ'");
        assertProblem("sum /price", 5, "expected '(' after sum");
        assertProblem("sum(/price", 11, "expected ',' or ')'");
        assertProblem("sum()", 5, "sum takes exactly one record path");
        assertProblem("sum(/a, /b)", 9, "sum takes exactly one record path");
        assertProblem("count(1)", 7, "count takes a record path");
        assertProblem("approx_quantile(/price)", 23, "takes a record path and a number");
        assertProblem("approx_quantile(/price, 1.5)", 25, "between 0 and 1");
        assertProblem("top_k(/p, 0)", 11, "whole number from 1");
        assertProblem("top_k(/p, 2.5)", 11, "whole number from 1");
        assertProblem("sum(/price) wher /a = 1", 13, "expected 'where' or the end");
        assertProblem("sum(/price) where", 18, "expected a condition after 'where'");
        assertProblem("sum(/price) where /a", 21, "expected a comparison");
        assertProblem("sum(/price) where /a = ", 24, "expected a value");
        assertProblem("sum(/price) where /a = purchase", 24, "expected a value");
        assertProblem("sum(/price) where /a = 'open", 24, "never closed");
        assertProblem("sum(/price) where /a = null", 24, "use '/a is null'");
        assertProblem("sum(/price) where /a is nul", 25, "expected 'null'");
        assertProblem("sum(/price) where (/a = 1", 26, "')' to close");
        assertProblem("sum(/price) where /a = 1 /b = 2", 26, "expected 'and', 'or'");
        assertProblem("sum(/price[[1]])", 5, "not a valid record path: unexpected '['");
        assertProblem("sum(/items[0)", 13, "does not match");
        assertProblem("sum(/items[0", 5, "unclosed bracket");
        assertProblem("sum(/price) where 5 = /a", 19, "expected a record path");
    }

    private void assertProblem(final String expression, final int position, final String problem) {
        final ExpressionException e = failure(expression);
        assertEquals(position, e.position(), () -> expression + " -> " + e.getMessage());
        assertTrue(e.problem().contains(problem), () -> expression + " -> " + e.getMessage());
        assertTrue(e.getMessage().startsWith("at position " + position + ": "));
    }
}
