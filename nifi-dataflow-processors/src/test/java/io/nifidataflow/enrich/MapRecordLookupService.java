package io.nifidataflow.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.lookup.LookupFailureException;
import org.apache.nifi.lookup.RecordLookupService;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

/** A real RecordLookupService controller service for tests: records by key, every call recorded, and a switch that makes it fail. */
public class MapRecordLookupService extends AbstractControllerService implements RecordLookupService {

    public static final RecordSchema CUSTOMER = new SimpleRecordSchema(List.of(
            new RecordField("tier", RecordFieldType.STRING.getDataType()),
            new RecordField("lifetime_value", RecordFieldType.DOUBLE.getDataType()),
            new RecordField("orders", RecordFieldType.INT.getDataType())));

    private final Map<String, Record> records = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> calls = new ArrayList<>();
    private volatile boolean failing;
    private volatile boolean logCalls = true;

    /** Adds a customer record with the {@link #CUSTOMER} schema. */
    public MapRecordLookupService customer(final String key, final String tier, final double lifetimeValue, final int orders) {
        records.put(key, new MapRecord(CUSTOMER, Map.of("tier", tier, "lifetime_value", lifetimeValue, "orders", orders)));
        return this;
    }

    public MapRecordLookupService put(final String key, final Record record) {
        records.put(key, record);
        return this;
    }

    /** For benchmarks: millions of calls would fill the heap. */
    public MapRecordLookupService withoutCallLog() {
        logCalls = false;
        return this;
    }

    public void setFailing(final boolean failing) {
        this.failing = failing;
    }

    public synchronized List<Map<String, Object>> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized Optional<Record> lookup(final Map<String, Object> coordinates) throws LookupFailureException {
        if (logCalls) {
            calls.add(Map.copyOf(coordinates));
        }
        if (failing) {
            throw new LookupFailureException("customer database unavailable");
        }
        return Optional.ofNullable(records.get(String.valueOf(coordinates.get("key"))));
    }

    @Override
    public Set<String> getRequiredKeys() {
        return Set.of("key");
    }
}
