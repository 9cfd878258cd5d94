package io.nifidataflow.enrich;

import io.nifidataflow.record.FieldPath;
import java.util.ArrayList;
import java.util.List;
import org.apache.nifi.serialization.record.Record;

/** Where in a record EnrichEvent finds what it validates, as configured; reads one record into a {@link RawEvent}. */
final class EventFields {

    final FieldPath eventId;
    final FieldPath eventTime;
    final FieldPath userId;
    final FieldPath eventType;
    final FieldPath productId;
    final List<FieldPath> numeric;
    final List<FieldPath> required;

    EventFields(final FieldPath eventId, final FieldPath eventTime, final FieldPath userId, final FieldPath eventType,
                final FieldPath productId, final List<FieldPath> numeric, final List<FieldPath> required) {
        this.eventId = eventId;
        this.eventTime = eventTime;
        this.userId = userId;
        this.eventType = eventType;
        this.productId = productId;
        this.numeric = List.copyOf(numeric);
        this.required = List.copyOf(required);
    }

    RawEvent read(final Record record) {
        final Object[] numbers = new Object[numeric.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = numeric.get(i).get(record);
        }
        List<String> missing = List.of();
        for (final FieldPath field : required) {
            if (field.get(record) == null) {
                if (missing.isEmpty()) {
                    missing = new ArrayList<>(2);
                }
                missing.add(field.path());
            }
        }
        return new RawEvent(eventId.get(record), eventTime.get(record), userId.get(record), eventType.get(record), numbers, missing);
    }

    Object product(final Record record) {
        return productId.get(record);
    }
}
