package io.nifidataflow.window.aggregate;

/** One entry of a {@code top_k} result: an item and its (estimated) number of occurrences. */
public record TopKItem(Object value, long count) {
}
