package io.nifidataflow.window.aggregate;

/** An aggregate expression that does not parse: where (1-based character position) and what is wrong. */
public final class ExpressionException extends Exception {

    private final int position;
    private final String problem;

    public ExpressionException(final int position, final String problem) {
        super("at position " + position + ": " + problem);
        this.position = position;
        this.problem = problem;
    }

    public int position() {
        return position;
    }

    public String problem() {
        return problem;
    }
}
