package io.nifidataflow.enrich;

import io.nifidataflow.record.FieldPath;
import io.nifidataflow.record.RecordFlowFiles;
import io.nifidataflow.record.RecordRouter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.lookup.LookupService;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.record.path.exception.RecordPathException;
import org.apache.nifi.record.path.validation.RecordPathValidator;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@TriggerSerially
@Tags({"enrich", "validate", "deduplicate", "dedupe", "session", "sessionize", "history", "lookup", "clickstream", "record", "recommendations"})
@CapabilityDescription("Cleans, deduplicates, sessionizes and enriches event records in one record-oriented pass. Each record is "
        + "validated (ids, event time, event type, required fields, numbers) and invalid ones go to 'invalid' with their reasons in an "
        + "added enrich_error field. Valid records whose event id was first seen less than the Deduplication Window ago go to "
        + "'duplicate'. The rest get the user's session id and a history record (session event count, session start, seconds since "
        + "the previous event, recently viewed products, cart), optionally a partition number for routing a user's events to one "
        + "node, and optionally the results of user and product lookups, through a local cache that remembers misses. Events are "
        + "processed in arrival order on one thread; session, history and deduplication state lives in memory and is rebuilt from "
        + "the stream after a restart, unless deduplication uses a Distributed Map Cache Client.")
@SeeAlso(classNames = {"org.apache.nifi.processors.standard.PartitionRecord", "org.apache.nifi.processors.standard.LookupRecord",
        "io.nifidataflow.clickstream.GenerateClickstream"})
@WritesAttributes({
    @WritesAttribute(attribute = "record.count", description = "The number of records in an outgoing FlowFile"),
    @WritesAttribute(attribute = "mime.type", description = "The MIME type the Record Writer reports"),
    @WritesAttribute(attribute = "enrich.error", description = "On 'invalid': the first reason of the first invalid record. "
            + "On 'failure': why the FlowFile could not be processed.")
})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Deduplication remembers up to Deduplication Cache Size "
        + "event ids (about 24 bytes per slot allocated up front, plus about 56 bytes per remembered UUID), sessions track up to Max "
        + "Tracked Users users (about 200 bytes each with a full history), and each lookup cache holds up to Lookup Cache Size results. "
        + "With the defaults, one million ids and one million users take about 300 MB of heap.")
public class EnrichEvent extends AbstractProcessor {

    private static final Pattern TOP_LEVEL_FIELD = Pattern.compile("/[A-Za-z_][A-Za-z0-9_]*");
    private static final Validator RECORD_PATH = new RecordPathValidator();

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads the incoming events")
            .identifiesControllerService(RecordReaderFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes the outgoing records. The output schema is the input schema plus the added fields, so any writer "
                    + "that can inherit the record schema (JSON, Avro, Parquet...) works.")
            .identifiesControllerService(RecordSetWriterFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor EVENT_ID_PATH = recordPath("Event ID Path", "/event_id",
            "The event id, used for deduplication. Blank or missing ids are invalid; a numeric id is taken in its string form.");

    static final PropertyDescriptor EVENT_TIME_PATH = recordPath("Event Time Path", "/event_time",
            "The event time: epoch milliseconds as an integer or integer string, or an ISO-8601 instant with Z or an offset. "
                    + "Anything else is invalid. On success the time is written back at this path as a timestamp.");

    static final PropertyDescriptor USER_ID_PATH = recordPath("User ID Path", "/user_id",
            "The user the event belongs to; sessions and history are per user. Blank or missing users are invalid.");

    static final PropertyDescriptor EVENT_TYPE_PATH = recordPath("Event Type Path", "/event_type",
            "The event type, compared case-insensitively and written back in lower case. view feeds recent products; "
                    + "add_to_cart, remove_from_cart and purchase change the cart.");

    static final PropertyDescriptor PRODUCT_ID_PATH = recordPath("Product ID Path", "/product_id",
            "The product an event is about: it feeds recent products and the cart, and is the key of the Product Lookup Service.");

    static final PropertyDescriptor ALLOWED_EVENT_TYPES = new PropertyDescriptor.Builder()
            .name("Allowed Event Types")
            .description("A comma-separated list of accepted event types, compared case-insensitively, such as "
                    + "view,search,add_to_cart,remove_from_cart,purchase. Records with other types, or none, are invalid. Empty accepts any type.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor REQUIRED_FIELDS = new PropertyDescriptor.Builder()
            .name("Required Fields")
            .description("A comma-separated list of RecordPaths that must hold a value (not null) for a record to be valid")
            .required(false)
            .addValidator(new RecordPathListValidator())
            .build();

    static final PropertyDescriptor MAX_FUTURE_SKEW = new PropertyDescriptor.Builder()
            .name("Max Future Skew")
            .description("How far after the current time an event time may lie; later events are invalid")
            .required(true)
            .defaultValue("1 hour")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor NUMERIC_FIELDS = new PropertyDescriptor.Builder()
            .name("Numeric Fields")
            .description("A comma-separated list of RecordPaths that, when they hold a value, must hold a finite, non-negative number. "
                    + "A numeric string is converted; NaN, Infinity and anything that cannot be converted are invalid.")
            .required(false)
            .defaultValue("/price,/quantity")
            .addValidator(new RecordPathListValidator())
            .build();

    static final PropertyDescriptor DEDUPLICATION_WINDOW = new PropertyDescriptor.Builder()
            .name("Deduplication Window")
            .description("A valid record whose event id was first seen less than this long ago goes to 'duplicate'. The window counts "
                    + "from first sight: a duplicate does not extend it. 0 sec turns deduplication off.")
            .required(true)
            .defaultValue("10 min")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor DEDUPLICATION_CACHE_SIZE = new PropertyDescriptor.Builder()
            .name("Deduplication Cache Size")
            .description("The most event ids remembered in memory; when full, the oldest is forgotten first. Not used with a "
                    + "Distributed Map Cache Client.")
            .required(true)
            .defaultValue("1000000")
            .addValidator(StandardValidators.createLongValidator(1, 100_000_000, true))
            .build();

    static final PropertyDescriptor DISTRIBUTED_CACHE = new PropertyDescriptor.Builder()
            .name("Distributed Map Cache Client")
            .description("Optional. Deduplicates across the cluster and across restarts by storing each event id's first sight in this "
                    + "cache (putIfAbsent semantics) instead of in memory. Costs one round trip per valid record.")
            .required(false)
            .identifiesControllerService(DistributedMapCacheClient.class)
            .build();

    static final PropertyDescriptor SESSION_GAP = new PropertyDescriptor.Builder()
            .name("Session Gap")
            .description("A user's event at least this long after the latest event of their session starts a new session")
            .required(true)
            .defaultValue("30 min")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor HISTORY_SIZE = new PropertyDescriptor.Builder()
            .name("History Size")
            .description("The most products listed in history.recent_products")
            .required(true)
            .defaultValue("10")
            .addValidator(StandardValidators.createLongValidator(0, 1_000, true))
            .build();

    static final PropertyDescriptor MAX_TRACKED_USERS = new PropertyDescriptor.Builder()
            .name("Max Tracked Users")
            .description("The most users whose sessions and carts are kept in memory; the least recently active is forgotten first")
            .required(true)
            .defaultValue("1000000")
            .addValidator(StandardValidators.createLongValidator(1, 100_000_000, true))
            .build();

    static final PropertyDescriptor PARTITION_COUNT = new PropertyDescriptor.Builder()
            .name("Partition Count")
            .description("When above 0, writes /partition = murmur3(user id) mod this count, so that PartitionRecord and a connection "
                    + "load-balanced by attribute can bring all of a user's events to one node. 0 turns it off.")
            .required(true)
            .defaultValue("0")
            .addValidator(StandardValidators.createLongValidator(0, 1_000_000, true))
            .build();

    static final PropertyDescriptor USER_LOOKUP_SERVICE = new PropertyDescriptor.Builder()
            .name("User Lookup Service")
            .description("Optional. Looks up each enriched record's user, with the coordinate 'key' = the user id.")
            .required(false)
            .identifiesControllerService(LookupService.class)
            .build();

    static final PropertyDescriptor USER_RESULT_PATH = resultPath("User Result Path", "/customer", USER_LOOKUP_SERVICE,
            "The top-level field that receives the user lookup result: a nested record for a record result, else a string. Null on a miss.");

    static final PropertyDescriptor PRODUCT_LOOKUP_SERVICE = new PropertyDescriptor.Builder()
            .name("Product Lookup Service")
            .description("Optional. Looks up each enriched record's product, with the coordinate 'key' = the value at Product ID Path.")
            .required(false)
            .identifiesControllerService(LookupService.class)
            .build();

    static final PropertyDescriptor PRODUCT_RESULT_PATH = resultPath("Product Result Path", "/product", PRODUCT_LOOKUP_SERVICE,
            "The top-level field that receives the product lookup result: a nested record for a record result, else a string. Null on a miss.");

    static final PropertyDescriptor LOOKUP_CACHE_SIZE = new PropertyDescriptor.Builder()
            .name("Lookup Cache Size")
            .description("The most lookup results, hits and misses, kept per lookup service; the least recently used goes first. 0 turns caching off.")
            .required(true)
            .defaultValue("100000")
            .addValidator(StandardValidators.createLongValidator(0, 10_000_000, true))
            .build();

    static final PropertyDescriptor LOOKUP_CACHE_EXPIRATION = new PropertyDescriptor.Builder()
            .name("Lookup Cache Expiration")
            .description("How long a cached lookup result, hit or miss, is used before the service is asked again. 0 sec turns caching off.")
            .required(true)
            .defaultValue("5 min")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Valid, new records with their session, history, partition and lookup fields")
            .build();

    static final Relationship REL_INVALID = new Relationship.Builder()
            .name("invalid")
            .description("Records that break a validation rule, as they arrived plus an enrich_error field with every reason")
            .build();

    static final Relationship REL_DUPLICATE = new Relationship.Builder()
            .name("duplicate")
            .description("Valid records whose event id was first seen less than the Deduplication Window ago, as they arrived")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The original FlowFile, unchanged and penalized, when its content cannot be read or a lookup or cache service fails")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            RECORD_READER, RECORD_WRITER,
            EVENT_ID_PATH, EVENT_TIME_PATH, USER_ID_PATH, EVENT_TYPE_PATH, PRODUCT_ID_PATH,
            ALLOWED_EVENT_TYPES, REQUIRED_FIELDS, MAX_FUTURE_SKEW, NUMERIC_FIELDS,
            DEDUPLICATION_WINDOW, DEDUPLICATION_CACHE_SIZE, DISTRIBUTED_CACHE,
            SESSION_GAP, HISTORY_SIZE, MAX_TRACKED_USERS, PARTITION_COUNT,
            USER_LOOKUP_SERVICE, USER_RESULT_PATH, PRODUCT_LOOKUP_SERVICE, PRODUCT_RESULT_PATH,
            LOOKUP_CACHE_SIZE, LOOKUP_CACHE_EXPIRATION);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_INVALID, REL_DUPLICATE, REL_FAILURE);

    static final String ERROR_ATTRIBUTE = "enrich.error";
    static final String COUNTER_ENRICHED = "Records Enriched";
    static final String COUNTER_INVALID = "Invalid Records";
    static final String COUNTER_DUPLICATES = "Duplicate Records";
    static final String COUNTER_LOOKUP_HITS = "Lookup Hits";
    static final String COUNTER_LOOKUP_MISSES = "Lookup Misses";
    static final String COUNTER_LOOKUP_CALLS = "Lookup Service Calls";

    private volatile Enricher enricher;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        if (context.getProperty(SESSION_GAP).asTimePeriod(TimeUnit.MILLISECONDS) < 1) {
            results.add(invalid(SESSION_GAP, "must be longer than 0"));
        }
        if (context.getProperty(DISTRIBUTED_CACHE).isSet() && context.getProperty(DEDUPLICATION_WINDOW).asTimePeriod(TimeUnit.MILLISECONDS) == 0) {
            results.add(invalid(DISTRIBUTED_CACHE, "is set, but a Deduplication Window of 0 turns deduplication off"));
        }
        final Set<String> taken = new HashSet<>(Set.of(EnrichedSchemas.SESSION_ID, EnrichedSchemas.HISTORY, EnrichedSchemas.PARTITION,
                EnrichedSchemas.ENRICH_ERROR));
        for (final PropertyDescriptor[] lookup : new PropertyDescriptor[][] {{USER_LOOKUP_SERVICE, USER_RESULT_PATH}, {PRODUCT_LOOKUP_SERVICE, PRODUCT_RESULT_PATH}}) {
            if (!context.getProperty(lookup[0]).isSet()) {
                continue;
            }
            final LookupService<?> service = context.getProperty(lookup[0]).asControllerService(LookupService.class);
            final Set<String> requiredKeys = service == null ? Set.of() : service.getRequiredKeys();
            if (requiredKeys != null && !Set.of(LookupEnrichment.KEY).containsAll(requiredKeys)) {
                results.add(invalid(lookup[0], "requires the coordinates " + requiredKeys + ", but EnrichEvent provides only '"
                        + LookupEnrichment.KEY + "'"));
            }
            final String field = context.getProperty(lookup[1]).getValue().trim().substring(1);
            if (!taken.add(field)) {
                results.add(invalid(lookup[1], "names the field '" + field + "', which another added field already uses"));
            }
        }
        return results;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        final FieldPath eventTime = path(context, EVENT_TIME_PATH);
        final List<FieldPath> numeric = paths(context, NUMERIC_FIELDS);
        final EventFields fields = new EventFields(path(context, EVENT_ID_PATH), eventTime, path(context, USER_ID_PATH),
                path(context, EVENT_TYPE_PATH), path(context, PRODUCT_ID_PATH), numeric, paths(context, REQUIRED_FIELDS));

        final ValidationRules rules = new ValidationRules(fields.eventId.path(), eventTime.path(), fields.userId.path(), fields.eventType.path(),
                Set.copyOf(commaList(context.getProperty(ALLOWED_EVENT_TYPES).getValue())),
                numeric.stream().map(FieldPath::path).toList(),
                context.getProperty(MAX_FUTURE_SKEW).asTimePeriod(TimeUnit.MILLISECONDS));
        final SessionTracker sessions = new SessionTracker(context.getProperty(SESSION_GAP).asTimePeriod(TimeUnit.MILLISECONDS),
                context.getProperty(HISTORY_SIZE).asInteger(), context.getProperty(MAX_TRACKED_USERS).asInteger());
        final EventPipeline pipeline = new EventPipeline(new EventValidator(rules), deduplicator(context), sessions);

        final Enricher.Lookup user = lookup(context, "User", USER_LOOKUP_SERVICE, USER_RESULT_PATH);
        final Enricher.Lookup product = lookup(context, "Product", PRODUCT_LOOKUP_SERVICE, PRODUCT_RESULT_PATH);
        final int partitions = context.getProperty(PARTITION_COUNT).asInteger();
        final EnrichedSchemas schemas = new EnrichedSchemas(eventTime, numeric, partitions > 0,
                user == null ? null : user.resultField(), product == null ? null : product.resultField());
        enricher = new Enricher(fields, pipeline, schemas, partitions, user, product);
    }

    /** Session, history and local deduplication state lives as long as the processor runs. */
    @OnStopped
    public void onStopped() {
        enricher = null;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile input = session.get();
        if (input == null) {
            return;
        }
        final Enricher current = enricher;
        final RecordReaderFactory readerFactory = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class);
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        final Map<String, String> attributes = input.getAttributes();
        final long now = currentTimeMillis();
        final Enricher.Tally tally = new Enricher.Tally();
        final long[] lookupsBefore = current.lookupCounts();

        try (RecordRouter router = new RecordRouter(session, input, writerFactory, getLogger())) {
            if (current.needsLearning()) {
                RecordFlowFiles.readWhile(session, input, readerFactory, getLogger(), (record, schema) -> current.learnFrom(record, attributes, now));
            }
            final Enricher.Output output = (route, schema, record) -> router.write(relationship(route), schema, record);
            RecordFlowFiles.read(session, input, readerFactory, getLogger(), (record, schema) -> current.enrich(record, schema, attributes, now, output, tally));
            final Map<Relationship, FlowFile> children = router.finish();
            current.commit();
            transfer(session, children, tally);
            count(session, tally, lookupsBefore, current.lookupCounts());
            session.remove(input);
        } catch (final Exception e) {
            fail(session, input, current, e);
        }
        session.commitAsync();
    }

    /** The clock for deduplication, lookup expiry and future skew; tests replace it. */
    long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    private void transfer(final ProcessSession session, final Map<Relationship, FlowFile> children, final Enricher.Tally tally) {
        for (final Map.Entry<Relationship, FlowFile> entry : children.entrySet()) {
            FlowFile child = entry.getValue();
            final Relationship relationship = entry.getKey();
            if (relationship == REL_INVALID) {
                child = session.putAttribute(child, ERROR_ATTRIBUTE, tally.firstError);
            }
            session.getProvenanceReporter().route(child, relationship, child.getAttribute(RecordFlowFiles.RECORD_COUNT) + " records");
            session.transfer(child, relationship);
        }
    }

    private static void count(final ProcessSession session, final Enricher.Tally tally, final long[] before, final long[] after) {
        session.adjustCounter(COUNTER_ENRICHED, tally.enriched, false);
        session.adjustCounter(COUNTER_INVALID, tally.invalid, false);
        session.adjustCounter(COUNTER_DUPLICATES, tally.duplicates, false);
        session.adjustCounter(COUNTER_LOOKUP_HITS, after[0] - before[0], false);
        session.adjustCounter(COUNTER_LOOKUP_MISSES, after[1] - before[1], false);
        session.adjustCounter(COUNTER_LOOKUP_CALLS, after[2] - before[2], false);
    }

    private void fail(final ProcessSession session, final FlowFile input, final Enricher current, final Exception cause) {
        try {
            current.rollback();
        } catch (final Exception e) {
            getLogger().warn("Could not undo the deduplication entries of {}; its events may be taken for duplicates when retried", input, e);
        }
        getLogger().error("Routing {} to failure", input, cause);
        final String reason = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        final FlowFile failed = session.putAttribute(input, ERROR_ATTRIBUTE, reason);
        session.transfer(session.penalize(failed), REL_FAILURE);
    }

    private static Relationship relationship(final Enricher.Route route) {
        return switch (route) {
            case SUCCESS -> REL_SUCCESS;
            case INVALID -> REL_INVALID;
            case DUPLICATE -> REL_DUPLICATE;
        };
    }

    private static Deduplicator deduplicator(final ProcessContext context) {
        final long window = context.getProperty(DEDUPLICATION_WINDOW).asTimePeriod(TimeUnit.MILLISECONDS);
        if (window == 0) {
            return Deduplicator.OFF;
        }
        if (context.getProperty(DISTRIBUTED_CACHE).isSet()) {
            return new DistributedDeduplicator(context.getProperty(DISTRIBUTED_CACHE).asControllerService(DistributedMapCacheClient.class), window);
        }
        return new LocalDeduplicator(context.getProperty(DEDUPLICATION_CACHE_SIZE).asInteger(), window);
    }

    private static Enricher.Lookup lookup(final ProcessContext context, final String name, final PropertyDescriptor service,
                                          final PropertyDescriptor resultPath) {
        if (!context.getProperty(service).isSet()) {
            return null;
        }
        final LookupEnrichment enrichment = new LookupEnrichment(context.getProperty(service).asControllerService(LookupService.class),
                context.getProperty(LOOKUP_CACHE_SIZE).asInteger(), context.getProperty(LOOKUP_CACHE_EXPIRATION).asTimePeriod(TimeUnit.MILLISECONDS));
        return new Enricher.Lookup(name + " Lookup Service", enrichment, context.getProperty(resultPath).getValue().trim().substring(1));
    }

    private static FieldPath path(final ProcessContext context, final PropertyDescriptor property) {
        return FieldPath.compile(context.getProperty(property).getValue());
    }

    private static List<FieldPath> paths(final ProcessContext context, final PropertyDescriptor property) {
        return commaList(context.getProperty(property).getValue()).stream().map(FieldPath::compile).toList();
    }

    static List<String> commaList(final String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static ValidationResult invalid(final PropertyDescriptor property, final String explanation) {
        return new ValidationResult.Builder().subject(property.getName()).valid(false).explanation(property.getName() + " " + explanation).build();
    }

    private static PropertyDescriptor recordPath(final String name, final String defaultValue, final String description) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description("A RecordPath to " + description.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + description.substring(1))
                .required(true)
                .defaultValue(defaultValue)
                .addValidator(RECORD_PATH)
                .build();
    }

    private static PropertyDescriptor resultPath(final String name, final String defaultValue, final PropertyDescriptor service, final String description) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description + " A plain top-level path such as " + defaultValue + ".")
                .required(true)
                .defaultValue(defaultValue)
                .dependsOn(service)
                .addValidator(StandardValidators.createRegexMatchingValidator(TOP_LEVEL_FIELD, false,
                        "must be a top-level field path such as " + defaultValue))
                .build();
    }

    /** Each comma-separated item must compile as a RecordPath. */
    private static final class RecordPathListValidator implements Validator {
        @Override
        public ValidationResult validate(final String subject, final String input, final ValidationContext context) {
            for (final String path : commaList(input)) {
                try {
                    FieldPath.compile(path);
                } catch (final RecordPathException e) {
                    return new ValidationResult.Builder().subject(subject).input(input).valid(false)
                            .explanation("'" + path + "' is not a valid RecordPath: " + e.getMessage()).build();
                }
            }
            return new ValidationResult.Builder().subject(subject).input(input).valid(true).build();
        }
    }
}
