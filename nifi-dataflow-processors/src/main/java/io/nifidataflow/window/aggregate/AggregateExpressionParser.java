package io.nifidataflow.window.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Parses aggregate expressions such as {@code sum(/price) where /event_type = 'purchase'}:
 *
 * <pre>
 * aggregate  := function '(' [argument {',' argument}] ')' ['where' condition]
 * argument   := recordPath | number
 * condition  := conjunction {'or' conjunction}
 * conjunction:= negation {'and' negation}
 * negation   := 'not' negation | '(' condition ')' | predicate
 * predicate  := recordPath ( op literal | ['not'] 'in' '(' literal {',' literal} ')' | 'is' ['not'] 'null' )
 * op         := '=' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * literal    := 'text' | number | true | false
 * </pre>
 *
 * Keywords and function names ignore case. A record path runs to the first blank, comparison operator, comma or
 * closing parenthesis outside brackets, parentheses and quotes, so RecordPath predicates and functions work.
 * Every error names its 1-based position and what was expected there.
 */
public final class AggregateExpressionParser {

    /** Checks a record path's own syntax; returns the problem, or null when the path is fine. */
    @FunctionalInterface
    public interface PathValidator {
        String problem(String path);
    }

    /** The most a top_k can ask for. */
    public static final int MAX_TOP_K = 10_000;

    private final PathSlots slots;
    private final PathValidator pathValidator;

    private String text;
    private int pos;

    public AggregateExpressionParser(final PathSlots slots, final PathValidator pathValidator) {
        this.slots = slots;
        this.pathValidator = pathValidator;
    }

    /** Parses the expression of the aggregate whose output field is {@code name}. */
    public AggregateSpec parse(final String name, final String expression) throws ExpressionException {
        this.text = expression == null ? "" : expression;
        this.pos = 0;
        skipBlanks();
        if (atEnd()) {
            throw error("the expression is empty; expected a function such as count() or sum(/price)");
        }
        final int functionStart = pos;
        final String functionName = identifier();
        if (functionName == null) {
            throw error("expected a function name such as count or sum but found " + found());
        }
        final AggregateFunction function = AggregateFunction.named(functionName);
        if (function == null) {
            throw new ExpressionException(functionStart + 1, "unknown function '" + functionName + "'; expected one of " + functionNames());
        }
        skipBlanks();
        expect('(', "'(' after " + function.functionName());
        final List<Object> arguments = new ArrayList<>();
        final List<Integer> argumentPositions = new ArrayList<>();
        skipBlanks();
        if (!peek(')')) {
            do {
                skipBlanks();
                argumentPositions.add(pos);
                arguments.add(argument());
                skipBlanks();
            } while (consume(','));
        }
        expect(')', "',' or ')' in the arguments of " + function.functionName());
        final int afterCall = pos;
        final Object[] checked = checkArguments(function, arguments, argumentPositions, afterCall);
        skipBlanks();
        Condition filter = null;
        if (!atEnd()) {
            final int keywordStart = pos;
            final String word = identifier();
            if (word == null || !word.equalsIgnoreCase("where")) {
                pos = keywordStart;
                throw error("expected 'where' or the end of the expression after " + function.functionName() + "(...) but found " + found());
            }
            skipBlanks();
            if (atEnd()) {
                throw error("expected a condition after 'where', such as /event_type = 'purchase'");
            }
            filter = condition();
            skipBlanks();
            if (!atEnd()) {
                throw error("expected 'and', 'or' or the end of the expression but found " + found());
            }
        }
        return new AggregateSpec(name, function, (FieldRef) checked[0], (Double) checked[1], filter, text);
    }

    private Object[] checkArguments(final AggregateFunction function, final List<Object> arguments, final List<Integer> positions,
                                    final int afterCall) throws ExpressionException {
        final String name = function.functionName();
        final int count = arguments.size();
        switch (function.arity()) {
            case OPTIONAL_PATH -> {
                if (count > 1) {
                    throw new ExpressionException(positions.get(1) + 1, name + " takes no argument or one record path, such as count() or count(/user_id)");
                }
                if (count == 1 && !(arguments.get(0) instanceof FieldRef)) {
                    throw new ExpressionException(positions.get(0) + 1, name + " takes a record path, such as count(/user_id), not a number");
                }
                return new Object[] {count == 0 ? null : arguments.get(0), 0.0};
            }
            case PATH -> {
                if (count != 1 || !(arguments.get(0) instanceof FieldRef)) {
                    throw new ExpressionException(count == 0 ? afterCall : positions.get(count == 1 ? 0 : 1) + 1,
                            name + " takes exactly one record path, such as " + name + "(/price)");
                }
                return new Object[] {arguments.get(0), 0.0};
            }
            default -> {
                final String example = function == AggregateFunction.TOP_K ? "top_k(/product_id, 10)" : "approx_quantile(/price, 0.95)";
                if (count != 2 || !(arguments.get(0) instanceof FieldRef) || !(arguments.get(1) instanceof Double)) {
                    final int at;
                    if (count == 0 || !(arguments.get(0) instanceof FieldRef)) {
                        at = count == 0 ? afterCall : positions.get(0) + 1;
                    } else {
                        at = count >= 2 ? positions.get(1) + 1 : afterCall;
                    }
                    throw new ExpressionException(at, name + " takes a record path and a number, such as " + example);
                }
                final double parameter = (Double) arguments.get(1);
                if (function == AggregateFunction.APPROX_QUANTILE && (parameter < 0 || parameter > 1)) {
                    throw new ExpressionException(positions.get(1) + 1, "the rank of approx_quantile must be between 0 and 1, such as 0.95, but was " + number(parameter));
                }
                if (function == AggregateFunction.TOP_K && (parameter != Math.rint(parameter) || parameter < 1 || parameter > MAX_TOP_K)) {
                    throw new ExpressionException(positions.get(1) + 1, "k of top_k must be a whole number from 1 to " + MAX_TOP_K + " but was " + number(parameter));
                }
                return new Object[] {arguments.get(0), parameter};
            }
        }
    }

    private static String number(final double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }

    private Object argument() throws ExpressionException {
        if (startsNumber()) {
            return numberLiteral().doubleValue();
        }
        if (startsPath()) {
            return path(",)");
        }
        throw error("expected a record path such as /price or a number but found " + found());
    }

    private Condition condition() throws ExpressionException {
        Condition left = conjunction();
        while (keywordAhead("or")) {
            skipBlanks();
            left = new Condition.Or(left, conjunction());
        }
        return left;
    }

    private Condition conjunction() throws ExpressionException {
        Condition left = negation();
        while (keywordAhead("and")) {
            skipBlanks();
            left = new Condition.And(left, negation());
        }
        return left;
    }

    private Condition negation() throws ExpressionException {
        skipBlanks();
        if (keywordAhead("not")) {
            return new Condition.Not(negation());
        }
        if (consume('(')) {
            final Condition inner = condition();
            skipBlanks();
            expect(')', "')' to close the parenthesis");
            return inner;
        }
        return predicate();
    }

    private Condition predicate() throws ExpressionException {
        skipBlanks();
        if (atEnd()) {
            throw error("expected a condition such as /event_type = 'purchase' but the expression ends");
        }
        if (!startsPath()) {
            throw error("expected a record path such as /event_type but found " + found());
        }
        final FieldRef field = path(",)=!<> \t\r\n");
        skipBlanks();
        final int operatorStart = pos;
        final Condition.Operator operator = operator();
        if (operator != null) {
            skipBlanks();
            final int literalStart = pos;
            if (keywordAhead("null")) {
                throw new ExpressionException(literalStart + 1, "comparing with null is never true; use '" + field + " is null' or 'is not null'");
            }
            return new Condition.Comparison(field, operator, literal());
        }
        pos = operatorStart;
        if (keywordAhead("is")) {
            final boolean negated = keywordAhead("not");
            if (!keywordAhead("null")) {
                throw error("expected 'null' after 'is" + (negated ? " not" : "") + "' but found " + found());
            }
            return new Condition.IsNull(field, negated);
        }
        final boolean negated = keywordAhead("not");
        if (keywordAhead("in")) {
            skipBlanks();
            expect('(', "'(' after 'in'");
            final List<Object> literals = new ArrayList<>();
            do {
                skipBlanks();
                literals.add(literal());
                skipBlanks();
            } while (consume(','));
            expect(')', "',' or ')' in the list after 'in'");
            return new Condition.In(field, List.copyOf(literals), negated);
        }
        throw error("expected a comparison (=, !=, <>, <, <=, >, >=), 'in', 'not in' or 'is null' after " + field + " but found " + found());
    }

    private Condition.Operator operator() {
        if (consume("<=")) {
            return Condition.Operator.LE;
        }
        if (consume(">=")) {
            return Condition.Operator.GE;
        }
        if (consume("!=") || consume("<>")) {
            return Condition.Operator.NE;
        }
        if (consume("=")) {
            return Condition.Operator.EQ;
        }
        if (consume("<")) {
            return Condition.Operator.LT;
        }
        if (consume(">")) {
            return Condition.Operator.GT;
        }
        return null;
    }

    private Object literal() throws ExpressionException {
        if (atEnd()) {
            throw error("expected a value (a quoted string, a number, true or false) but the expression ends");
        }
        final char c = text.charAt(pos);
        if (c == '\'' || c == '"') {
            return quoted(c);
        }
        if (startsNumber()) {
            return numberLiteral();
        }
        if (keywordAhead("true")) {
            return Boolean.TRUE;
        }
        if (keywordAhead("false")) {
            return Boolean.FALSE;
        }
        throw error("expected a value (a quoted string such as 'purchase', a number, true or false) but found " + found());
    }

    private String quoted(final char quote) throws ExpressionException {
        final int start = pos;
        pos++;
        final StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            final char c = text.charAt(pos++);
            if (c == quote) {
                if (pos < text.length() && text.charAt(pos) == quote) {
                    value.append(quote);
                    pos++;
                    continue;
                }
                return value.toString();
            }
            if (c == '\\' && pos < text.length()) {
                value.append(text.charAt(pos++));
                continue;
            }
            value.append(c);
        }
        throw new ExpressionException(start + 1, "the string starting here is never closed with " + quote);
    }

    private boolean startsNumber() {
        if (atEnd()) {
            return false;
        }
        final char c = text.charAt(pos);
        if (isDigit(c)) {
            return true;
        }
        return (c == '-' || c == '+' || c == '.') && pos + 1 < text.length() && (isDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '.');
    }

    /** A Long for whole numbers written without a point or exponent, a Double otherwise. */
    private Number numberLiteral() throws ExpressionException {
        final int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        while (pos < text.length() && (isDigit(text.charAt(pos)) || text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E'
                || (text.charAt(pos) == '-' || text.charAt(pos) == '+') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E'))) {
            pos++;
        }
        final String number = text.substring(start, pos);
        try {
            if (number.matches("[-+]?\\d{1,18}")) {
                return Long.parseLong(number);
            }
            return Double.parseDouble(number);
        } catch (final NumberFormatException e) {
            throw new ExpressionException(start + 1, "'" + number + "' is not a number");
        }
    }

    private boolean startsPath() {
        if (atEnd()) {
            return false;
        }
        final char c = text.charAt(pos);
        if (c == '/') {
            return true;
        }
        // A RecordPath function call such as toLowerCase(/category).
        int i = pos;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i > pos && Character.isLetter(c) && i < text.length() && text.charAt(i) == '(' && !isKeyword(text.substring(pos, i));
    }

    private static boolean isKeyword(final String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "not", "and", "or", "in", "is", "null", "true", "false", "where" -> true;
            default -> false;
        };
    }

    /** Scans a record path up to a stop character at nesting depth 0, then checks it with the path validator. */
    private FieldRef path(final String stops) throws ExpressionException {
        final int start = pos;
        final StringBuilder closers = new StringBuilder();
        while (pos < text.length()) {
            final char c = text.charAt(pos);
            if (c == '\'' || c == '"') {
                skipQuotedInPath(c);
                continue;
            }
            if (c == '[' || c == '(') {
                closers.append(c == '[' ? ']' : ')');
            } else if (c == ']' || c == ')') {
                if (closers.isEmpty()) {
                    break;
                }
                if (closers.charAt(closers.length() - 1) != c) {
                    throw new ExpressionException(pos + 1, "'" + c + "' does not match the bracket or parenthesis open in the record path");
                }
                closers.setLength(closers.length() - 1);
            } else if (closers.isEmpty() && (stops.indexOf(c) >= 0 || Character.isWhitespace(c))) {
                break;
            }
            pos++;
        }
        if (!closers.isEmpty()) {
            throw new ExpressionException(start + 1, "the record path starting here has an unclosed bracket or parenthesis");
        }
        final String path = text.substring(start, pos);
        final String problem = pathValidator == null ? null : pathValidator.problem(path);
        if (problem != null) {
            throw new ExpressionException(start + 1, "'" + path + "' is not a valid record path: " + problem);
        }
        return new FieldRef(path, slots.slotFor(path));
    }

    private void skipQuotedInPath(final char quote) throws ExpressionException {
        final int start = pos;
        pos++;
        while (pos < text.length()) {
            final char c = text.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == quote) {
                return;
            }
        }
        throw new ExpressionException(start + 1, "the string starting here is never closed with " + quote);
    }

    private String identifier() {
        final int start = pos;
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return text.substring(start, pos);
        }
        return null;
    }

    /** Consumes {@code word} (ignoring case) when it comes next as a whole word, with the blanks before it. */
    private boolean keywordAhead(final String word) {
        final int save = pos;
        skipBlanks();
        final String found = identifier();
        if (found != null && found.equalsIgnoreCase(word)) {
            return true;
        }
        pos = save;
        return false;
    }

    private void expect(final char c, final String what) throws ExpressionException {
        if (!consume(c)) {
            throw error("expected " + what + " but found " + found());
        }
    }

    private boolean consume(final char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean consume(final String token) {
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private boolean peek(final char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipBlanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private String found() {
        skipBlanks();
        if (atEnd()) {
            return "the end of the expression";
        }
        int end = pos;
        if (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_') {
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
        } else {
            end = pos + 1;
        }
        return "'" + text.substring(pos, end) + "'";
    }

    private ExpressionException error(final String problem) {
        return new ExpressionException(pos + 1, problem);
    }

    private static String functionNames() {
        final StringJoiner names = new StringJoiner(", ");
        for (final AggregateFunction function : AggregateFunction.values()) {
            names.add(function.functionName());
        }
        return names.toString();
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }
}
