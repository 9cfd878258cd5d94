package io.nifidataflow.clickstream;

/**
 * One record of user activity, as delivered. Fields that do not apply to the event are null.
 * {@code price} and {@code quantity} are typed {@link Object} because malformed records carry strings
 * there, so that downstream validation has wrong types to catch.
 */
public record ClickEvent(
        String eventId,
        String eventType,
        String eventTime,
        String userId,
        String productId,
        String category,
        Object price,
        Object quantity,
        String searchQuery,
        String device,
        String country) {

    ClickEvent withEventId(final String id) {
        return new ClickEvent(id, eventType, eventTime, userId, productId, category, price, quantity, searchQuery, device, country);
    }

    ClickEvent withUserId(final String user) {
        return new ClickEvent(eventId, eventType, eventTime, user, productId, category, price, quantity, searchQuery, device, country);
    }

    ClickEvent withEventTime(final String time) {
        return new ClickEvent(eventId, eventType, time, userId, productId, category, price, quantity, searchQuery, device, country);
    }

    ClickEvent withPrice(final Object newPrice) {
        return new ClickEvent(eventId, eventType, eventTime, userId, productId, category, newPrice, quantity, searchQuery, device, country);
    }

    ClickEvent withQuantity(final Object newQuantity) {
        return new ClickEvent(eventId, eventType, eventTime, userId, productId, category, price, newQuantity, searchQuery, device, country);
    }
}
