package io.nifidataflow.enrich;

import java.util.Map;
import java.util.Optional;
import org.apache.nifi.lookup.LookupFailureException;
import org.apache.nifi.lookup.LookupService;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.serialization.record.util.DataTypeUtils;

/**
 * One configured LookupService behind a {@link LookupCache}, asked with the coordinate {@code key}. A Record
 * value becomes a nested record, anything else its string form. A record-valued service says nothing about its
 * schema up front, so the result type is learned from the hits: the first one fixes it, later ones with other
 * fields widen it.
 */
final class LookupEnrichment {

    static final String KEY = "key";
    /**
     * How many records the look-ahead may try before giving up: a service that never answers would otherwise
     * have every FlowFile read twice. After that, the type is learned from the first hit of a real pass.
     */
    static final int LOOK_AHEAD_RECORDS = 10_000;

    private final LookupService<?> service;
    private final LookupCache<Object> cache;
    private final boolean recordValued;
    private RecordSchema learnedSchema;
    private RecordSchema lastSeenSchema;
    private DataType resultType;
    private long hits;
    private long misses;
    private int lookAheadLeft = LOOK_AHEAD_RECORDS;

    LookupEnrichment(final LookupService<?> service, final int cacheSize, final long cacheExpirationMillis) {
        this.service = service;
        this.cache = new LookupCache<>(cacheSize, cacheExpirationMillis);
        this.recordValued = Record.class.isAssignableFrom(service.getValueType());
        this.resultType = recordValued ? EnrichedSchemas.UNKNOWN_RECORD : RecordFieldType.STRING.getDataType();
    }

    /** The value for {@code key}: a Record, a String, or null for a miss; counted as a hit or a miss. */
    Object lookup(final String key, final Map<String, String> context, final long nowMillis) throws LookupFailureException {
        final Object value = find(key, context, nowMillis);
        if (value == null) {
            misses++;
        } else {
            hits++;
        }
        return value;
    }

    /** Looks {@code key} up without counting it, to learn the result type; true once it is known. */
    boolean learnFrom(final String key, final Map<String, String> context, final long nowMillis) throws LookupFailureException {
        lookAheadLeft--;
        find(key, context, nowMillis);
        return !needsLearning();
    }

    /** True while a record-valued service has not returned any record yet, and looking ahead may still find one. */
    boolean needsLearning() {
        return recordValued && learnedSchema == null && lookAheadLeft > 0;
    }

    DataType resultType() {
        return resultType;
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }

    long serviceCalls() {
        return cache.loads();
    }

    private Object find(final String key, final Map<String, String> context, final long nowMillis) throws LookupFailureException {
        final Optional<Object> found = cache.get(key, nowMillis, k -> {
            @SuppressWarnings("unchecked")
            final Optional<Object> result = (Optional<Object>) service.lookup(Map.of(KEY, k), context);
            return result == null ? Optional.empty() : result;
        });
        if (found.isEmpty() || found.get() == null) {
            return null;
        }
        final Object value = found.get();
        if (value instanceof Record record) {
            learn(record.getSchema());
            return record;
        }
        return value instanceof String ? value : String.valueOf(value);
    }

    private void learn(final RecordSchema schema) {
        if (schema == lastSeenSchema) {
            return;
        }
        lastSeenSchema = schema;
        if (learnedSchema == null) {
            learnedSchema = schema;
        } else if (!learnedSchema.equals(schema)) {
            final RecordSchema merged = DataTypeUtils.merge(learnedSchema, schema);
            if (merged.equals(learnedSchema)) {
                return;
            }
            learnedSchema = merged;
        } else {
            return;
        }
        resultType = RecordFieldType.RECORD.getRecordDataType(learnedSchema);
    }
}
