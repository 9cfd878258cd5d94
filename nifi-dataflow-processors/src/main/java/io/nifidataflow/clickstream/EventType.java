package io.nifidataflow.clickstream;

import java.util.Locale;

/** The kinds of user activity an online store emits; {@link #wireName()} is what appears in records. */
public enum EventType {
    VIEW,
    SEARCH,
    ADD_TO_CART,
    REMOVE_FROM_CART,
    PURCHASE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
