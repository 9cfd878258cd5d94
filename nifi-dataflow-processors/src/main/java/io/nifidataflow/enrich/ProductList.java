package io.nifidataflow.enrich;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable view of a product array that is never changed after it is made (users' lists are copied on
 * write), so the record writer can be handed the array itself instead of a copy for every event.
 */
final class ProductList extends AbstractList<String> implements RandomAccess {

    static final ProductList EMPTY = new ProductList(UserHistory.NONE);

    private final String[] products;

    private ProductList(final String[] products) {
        this.products = products;
    }

    static ProductList of(final String[] products) {
        return products.length == 0 ? EMPTY : new ProductList(products);
    }

    @Override
    public String get(final int index) {
        return products[index];
    }

    @Override
    public int size() {
        return products.length;
    }

    /** The array itself, for writing into a record; callers must not change it. */
    Object[] shared() {
        return products;
    }
}
