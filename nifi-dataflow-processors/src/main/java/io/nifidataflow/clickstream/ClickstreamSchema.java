package io.nifidataflow.clickstream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

/**
 * The record form of a {@link ClickEvent}. The Avro schema shipped as {@code schemas/clickstream-event.avsc}
 * says the same, for users who register it in a schema registry; a test keeps the two in step.
 */
public final class ClickstreamSchema {

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String EVENT_TIME = "event_time";
    public static final String USER_ID = "user_id";
    public static final String PRODUCT_ID = "product_id";
    public static final String CATEGORY = "category";
    public static final String PRICE = "price";
    public static final String QUANTITY = "quantity";
    public static final String SEARCH_QUERY = "search_query";
    public static final String DEVICE = "device";
    public static final String COUNTRY = "country";

    public static final String AVRO_SCHEMA_RESOURCE = "/schemas/clickstream-event.avsc";

    // Price and quantity admit strings only so that malformed records can carry wrong types.
    public static final RecordSchema SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField(EVENT_ID, RecordFieldType.STRING.getDataType(), true),
            new RecordField(EVENT_TYPE, RecordFieldType.STRING.getDataType(), true),
            new RecordField(EVENT_TIME, RecordFieldType.STRING.getDataType(), true),
            new RecordField(USER_ID, RecordFieldType.STRING.getDataType(), true),
            new RecordField(PRODUCT_ID, RecordFieldType.STRING.getDataType(), true),
            new RecordField(CATEGORY, RecordFieldType.STRING.getDataType(), true),
            new RecordField(PRICE, RecordFieldType.CHOICE.getChoiceDataType(
                    RecordFieldType.DOUBLE.getDataType(), RecordFieldType.STRING.getDataType()), true),
            new RecordField(QUANTITY, RecordFieldType.CHOICE.getChoiceDataType(
                    RecordFieldType.INT.getDataType(), RecordFieldType.STRING.getDataType()), true),
            new RecordField(SEARCH_QUERY, RecordFieldType.STRING.getDataType(), true),
            new RecordField(DEVICE, RecordFieldType.STRING.getDataType(), true),
            new RecordField(COUNTRY, RecordFieldType.STRING.getDataType(), true)));

    private ClickstreamSchema() {
    }

    public static Record toRecord(final ClickEvent event) {
        final Map<String, Object> values = new HashMap<>(16);
        values.put(EVENT_ID, event.eventId());
        values.put(EVENT_TYPE, event.eventType());
        values.put(EVENT_TIME, event.eventTime());
        values.put(USER_ID, event.userId());
        values.put(PRODUCT_ID, event.productId());
        values.put(CATEGORY, event.category());
        values.put(PRICE, event.price());
        values.put(QUANTITY, event.quantity());
        values.put(SEARCH_QUERY, event.searchQuery());
        values.put(DEVICE, event.device());
        values.put(COUNTRY, event.country());
        return new MapRecord(SCHEMA, values);
    }
}
