package io.nifidataflow.enrich;

import io.nifidataflow.record.FieldPath;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.lookup.LookupFailureException;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

/**
 * The record side of EnrichEvent: reads what the rules need from a record, runs it through the
 * {@link EventPipeline}, and writes the outcome as a record of the matching schema. Valid records get their
 * normalized values written back, then the session, history, partition and lookup fields; invalid ones the
 * reasons in {@code enrich_error}; duplicates go out exactly as they came.
 */
final class Enricher {

    enum Route { SUCCESS, INVALID, DUPLICATE }

    /** Receives each record with the relationship and schema it belongs to. */
    @FunctionalInterface
    interface Output {
        void write(Route route, RecordSchema schema, Record record) throws IOException;
    }

    /** One lookup as configured: the service and the top-level field its results go to. */
    record Lookup(String name, LookupEnrichment service, String resultField) {
    }

    /** What one FlowFile's records came to. */
    static final class Tally {
        long enriched;
        long invalid;
        long duplicates;
        String firstError;
    }

    private final EventFields fields;
    private final EventPipeline pipeline;
    private final EnrichedSchemas schemas;
    private final int partitionCount;
    private final Lookup user;
    private final Lookup product;

    Enricher(final EventFields fields, final EventPipeline pipeline, final EnrichedSchemas schemas, final int partitionCount,
             final Lookup user, final Lookup product) {
        this.fields = fields;
        this.pipeline = pipeline;
        this.schemas = schemas;
        this.partitionCount = partitionCount;
        this.user = user;
        this.product = product;
    }

    void enrich(final Record record, final RecordSchema readSchema, final Map<String, String> context, final long nowMillis,
                final Output output, final Tally tally) throws IOException {
        final RawEvent raw = fields.read(record);
        final Object rawProduct = fields.product(record);
        final Outcome outcome = pipeline.process(raw, rawProduct, nowMillis);
        switch (outcome) {
            case Outcome.Invalid invalid -> {
                tally.invalid++;
                final List<Violation> violations = invalid.validation().violations();
                if (tally.firstError == null) {
                    tally.firstError = violations.get(0).toString();
                }
                final RecordSchema schema = schemas.invalid(readSchema);
                final Map<String, Object> values = copyValues(record, 1);
                final Record out = new MapRecord(schema, values);
                writeNumbersAsText(out, values, raw);
                values.put(EnrichedSchemas.ENRICH_ERROR, invalid.validation().reasons());
                output.write(Route.INVALID, schema, out);
            }
            case Outcome.Duplicate ignored -> {
                tally.duplicates++;
                output.write(Route.DUPLICATE, readSchema, record);
            }
            case Outcome.Enriched enriched -> {
                tally.enriched++;
                final ValidEvent event = enriched.event();
                final Object userResult = user == null ? null : lookup(user, event.userId(), context, nowMillis);
                final String productKey = product == null ? null : EventValidator.idOrNull(rawProduct);
                final Object productResult = productKey == null ? null : lookup(product, productKey, context, nowMillis);
                // After the lookups: a first hit may just have taught us the type of their results.
                final RecordSchema schema = schemas.success(readSchema, resultType(user), resultType(product));
                // Values go straight into the map of the new record: MapRecord.setValue looks the field up each time.
                final Map<String, Object> values = copyValues(record, 5);
                final Record out = new MapRecord(schema, values);
                writeNormalized(out, values, raw, event);
                final SessionView session = enriched.session();
                values.put(EnrichedSchemas.SESSION_ID, session.sessionId());
                values.put(EnrichedSchemas.HISTORY, history(session));
                if (partitionCount > 0) {
                    values.put(EnrichedSchemas.PARTITION, Partitions.of(event.userId(), partitionCount));
                }
                if (user != null) {
                    values.put(user.resultField(), userResult);
                }
                if (product != null) {
                    values.put(product.resultField(), productResult);
                }
                output.write(Route.SUCCESS, schema, out);
            }
        }
    }

    /** True while a lookup's result type is unknown: before the real pass, {@link #learnFrom} should see some records. */
    boolean needsLearning() {
        return (user != null && user.service().needsLearning()) || (product != null && product.service().needsLearning());
    }

    /** Looks up the keys of {@code record} only to learn result types; true while some type is still unknown. */
    boolean learnFrom(final Record record, final Map<String, String> context, final long nowMillis) throws LookupFailedException {
        learnFrom(user, fields.userId.get(record), context, nowMillis);
        learnFrom(product, fields.productId.get(record), context, nowMillis);
        return needsLearning();
    }

    private static void learnFrom(final Lookup lookup, final Object rawKey, final Map<String, String> context, final long nowMillis)
            throws LookupFailedException {
        final String key = EventValidator.idOrNull(rawKey);
        if (lookup == null || key == null || !lookup.service().needsLearning()) {
            return;
        }
        try {
            lookup.service().learnFrom(key, context, nowMillis);
        } catch (final LookupFailureException | RuntimeException e) {
            throw new LookupFailedException(lookup.name(), key, e);
        }
    }

    private static Object lookup(final Lookup lookup, final String key, final Map<String, String> context, final long nowMillis)
            throws LookupFailedException {
        try {
            return lookup.service().lookup(key, context, nowMillis);
        } catch (final LookupFailureException | RuntimeException e) {
            throw new LookupFailedException(lookup.name(), key, e);
        }
    }

    private static DataType resultType(final Lookup lookup) {
        return lookup == null ? null : lookup.service().resultType();
    }

    /** The event time as a timestamp, the type in lower case, converted numbers: only where they differ from the input. */
    private void writeNormalized(final Record out, final Map<String, Object> values, final RawEvent raw, final ValidEvent event) {
        set(fields.eventTime, out, values, new Timestamp(event.eventTimeMillis()));
        if (raw.eventType() instanceof String type && event.eventType() != null && !event.eventType().equals(type)) {
            set(fields.eventType, out, values, event.eventType());
        }
        final Object[] rawNumbers = raw.numbers();
        final Object[] numbers = event.numbers();
        if (numbers != rawNumbers) {
            for (int i = 0; i < numbers.length; i++) {
                if (numbers[i] != rawNumbers[i]) {
                    set(fields.numeric.get(i), out, values, numbers[i]);
                }
            }
        }
    }

    /** Invalid records carry their numeric fields as text, as the invalid schema says; strings stay as they arrived. */
    private void writeNumbersAsText(final Record out, final Map<String, Object> values, final RawEvent raw) {
        final Object[] numbers = raw.numbers();
        for (int i = 0; i < numbers.length; i++) {
            final Object value = numbers[i];
            if (value != null && !(value instanceof String)) {
                set(fields.numeric.get(i), out, values, value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value));
            }
        }
    }

    private static Object[] array(final List<String> products) {
        return products instanceof ProductList shared ? shared.shared() : products.toArray();
    }

    private static Record history(final SessionView session) {
        final Map<String, Object> values = new HashMap<>(8);
        values.put(EnrichedSchemas.SESSION_EVENT_COUNT, session.sessionEventCount());
        values.put(EnrichedSchemas.SESSION_START, new Timestamp(session.sessionStartMillis()));
        values.put(EnrichedSchemas.SECONDS_SINCE_PREVIOUS, session.secondsSincePrevious());
        values.put(EnrichedSchemas.RECENT_PRODUCTS, array(session.recentProducts()));
        values.put(EnrichedSchemas.CART_PRODUCTS, array(session.cartProducts()));
        return new MapRecord(EnrichedSchemas.HISTORY_SCHEMA, values);
    }

    private static Map<String, Object> copyValues(final Record record, final int added) {
        final Map<String, Object> values = record.toMap();
        final Map<String, Object> copy = new HashMap<>((values.size() + added) * 4 / 3 + 1);
        copy.putAll(values);
        return copy;
    }

    /** Top-level paths are set in the values map of {@code out}; others through the path, on {@code out} itself. */
    private static void set(final FieldPath path, final Record out, final Map<String, Object> values, final Object value) {
        final String name = path.topLevelName();
        if (name != null) {
            values.put(name, value);
        } else {
            path.set(out, value);
        }
    }

    /** Cumulative lookup hits, misses and service calls over both lookups. */
    long[] lookupCounts() {
        final long[] counts = new long[3];
        for (final Lookup lookup : new Lookup[] {user, product}) {
            if (lookup != null) {
                counts[0] += lookup.service().hits();
                counts[1] += lookup.service().misses();
                counts[2] += lookup.service().serviceCalls();
            }
        }
        return counts;
    }

    void commit() {
        pipeline.commit();
    }

    void rollback() throws IOException {
        pipeline.rollback();
    }
}
