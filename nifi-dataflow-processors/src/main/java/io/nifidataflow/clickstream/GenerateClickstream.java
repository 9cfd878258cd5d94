package io.nifidataflow.clickstream;

import io.nifidataflow.record.RecordFlowFiles;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordSetWriterFactory;

@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
@TriggerSerially
@Tags({"clickstream", "generate", "synthetic", "test", "load", "demo", "ecommerce", "record", "events"})
@CapabilityDescription("Generates realistic synthetic user activity for an online store (views, searches, cart changes and "
        + "purchases) and writes it with the configured Record Writer. Users browse in sessions separated by inactivity "
        + "gaps, product popularity is Zipf-like within categories, and carts convert to purchases at the configured rate. "
        + "Out-of-order delivery, at-least-once duplicates and malformed records can be added to exercise downstream "
        + "processing. The output is deterministic for a given Seed and Start Time, whatever Records per FlowFile is.")
@WritesAttributes({
    @WritesAttribute(attribute = "record.count", description = "The number of records in the FlowFile"),
    @WritesAttribute(attribute = "mime.type", description = "The MIME type the Record Writer reports")
})
public class GenerateClickstream extends AbstractProcessor {

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("The Record Writer to use for the generated events; the schema is described in the bundle's documentation")
            .identifiesControllerService(RecordSetWriterFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor RECORDS_PER_FLOWFILE = new PropertyDescriptor.Builder()
            .name("Records per FlowFile")
            .description("The most events written to one FlowFile. With Events per Second set, a FlowFile holds only the events due.")
            .required(true)
            .defaultValue("1000")
            .addValidator(StandardValidators.createLongValidator(1, 1_000_000, true))
            .build();

    static final PropertyDescriptor EVENTS_PER_SECOND = new PropertyDescriptor.Builder()
            .name("Events per Second")
            .description("Paces delivery in processing time. 0 generates as fast as possible. Event time is independent of it: "
                    + "it follows the simulated users, at about Users / 400 events per second of event time.")
            .required(true)
            .defaultValue("0")
            .addValidator(StandardValidators.createLongValidator(0, Integer.MAX_VALUE, true))
            .build();

    static final PropertyDescriptor USERS = new PropertyDescriptor.Builder()
            .name("Users")
            .description("The number of distinct users. Each alternates between sessions and idle periods of at least 30 minutes.")
            .required(true)
            .defaultValue(String.valueOf(ClickstreamSettings.DEFAULT_USERS))
            .addValidator(StandardValidators.createLongValidator(1, 50_000_000, true))
            .build();

    static final PropertyDescriptor PRODUCTS = new PropertyDescriptor.Builder()
            .name("Products")
            .description("The number of distinct products in the catalog")
            .required(true)
            .defaultValue(String.valueOf(ClickstreamSettings.DEFAULT_PRODUCTS))
            .addValidator(StandardValidators.createLongValidator(1, 10_000_000, true))
            .build();

    static final PropertyDescriptor CATEGORIES = new PropertyDescriptor.Builder()
            .name("Categories")
            .description("The number of product categories; at most the number of Products")
            .required(true)
            .defaultValue(String.valueOf(ClickstreamSettings.DEFAULT_CATEGORIES))
            .addValidator(StandardValidators.createLongValidator(1, 1_000_000, true))
            .build();

    static final PropertyDescriptor SEED = new PropertyDescriptor.Builder()
            .name("Seed")
            .description("The seed of the pseudo-random stream. The same Seed and Start Time give the same events.")
            .required(true)
            .defaultValue("42")
            .addValidator(StandardValidators.LONG_VALIDATOR)
            .build();

    static final PropertyDescriptor START_TIME = new PropertyDescriptor.Builder()
            .name("Start Time")
            .description("The event-time origin as an ISO-8601 instant, such as 2026-01-01T00:00:00Z. Empty means the time the processor starts.")
            .required(false)
            .addValidator(new InstantValidator())
            .build();

    static final PropertyDescriptor CONVERSION_RATE = new PropertyDescriptor.Builder()
            .name("Conversion Rate")
            .description("The probability, from 0 to 1, that a product added to a cart is purchased before the session ends")
            .required(true)
            .defaultValue(String.valueOf(ClickstreamSettings.DEFAULT_CONVERSION_RATE))
            .addValidator(new FractionValidator())
            .build();

    static final PropertyDescriptor OUT_OF_ORDER_MAX_DELAY = new PropertyDescriptor.Builder()
            .name("Out-of-Order Max Delay")
            .description("Delivery order differs from event-time order by up to this much event time. 0 sec delivers in event-time order.")
            .required(true)
            .defaultValue("0 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor DUPLICATE_RATE = new PropertyDescriptor.Builder()
            .name("Duplicate Rate")
            .description("The fraction of records, from 0 to 1, that redeliver a recent event with the same event_id, as an at-least-once bus does")
            .required(true)
            .defaultValue("0")
            .addValidator(new FractionValidator())
            .build();

    static final PropertyDescriptor MALFORMED_RATE = new PropertyDescriptor.Builder()
            .name("Malformed Rate")
            .description("The fraction of records, from 0 to 1, that are broken on purpose: a missing id, a blank user, an unparseable time, "
                    + "a non-numeric price or a negative quantity")
            .required(true)
            .defaultValue("0")
            .addValidator(new FractionValidator())
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Generated events")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            RECORD_WRITER, RECORDS_PER_FLOWFILE, EVENTS_PER_SECOND, USERS, PRODUCTS, CATEGORIES, SEED, START_TIME,
            CONVERSION_RATE, OUT_OF_ORDER_MAX_DELAY, DUPLICATE_RATE, MALFORMED_RATE);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS);

    static final String COUNTER_EVENTS = "Events Generated";
    static final String COUNTER_DUPLICATES = "Duplicates Generated";
    static final String COUNTER_MALFORMED = "Malformed Records Generated";

    private volatile ClickstreamGenerator generator;
    private volatile long startNanos;

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
        final List<String> problems = ClickstreamSettings.problems(
                context.getProperty(USERS).asInteger(),
                context.getProperty(PRODUCTS).asInteger(),
                context.getProperty(CATEGORIES).asInteger(),
                context.getProperty(CONVERSION_RATE).asDouble(),
                context.getProperty(OUT_OF_ORDER_MAX_DELAY).asTimePeriod(TimeUnit.MILLISECONDS),
                context.getProperty(DUPLICATE_RATE).asDouble(),
                context.getProperty(MALFORMED_RATE).asDouble());
        for (final String problem : problems) {
            results.add(new ValidationResult.Builder().subject("Clickstream settings").valid(false).explanation(problem).build());
        }
        return results;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        final String start = context.getProperty(START_TIME).getValue();
        final ClickstreamSettings settings = new ClickstreamSettings(
                context.getProperty(USERS).asInteger(),
                context.getProperty(PRODUCTS).asInteger(),
                context.getProperty(CATEGORIES).asInteger(),
                context.getProperty(SEED).asLong(),
                start == null || start.isBlank() ? Instant.now() : Instant.parse(start.trim()),
                context.getProperty(CONVERSION_RATE).asDouble(),
                context.getProperty(OUT_OF_ORDER_MAX_DELAY).asTimePeriod(TimeUnit.MILLISECONDS),
                context.getProperty(DUPLICATE_RATE).asDouble(),
                context.getProperty(MALFORMED_RATE).asDouble());
        generator = new ClickstreamGenerator(settings);
        startNanos = System.nanoTime();
    }

    @OnStopped
    public void onStopped() {
        generator = null;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final ClickstreamGenerator source = generator;
        final int count = recordsDue(context, source.emitted());
        if (count == 0) {
            context.yield();
            return;
        }
        final long duplicatesBefore = source.duplicatesEmitted();
        final long malformedBefore = source.malformedEmitted();
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);

        FlowFile flowFile = session.create();
        flowFile = RecordFlowFiles.write(session, flowFile, writerFactory, ClickstreamSchema.SCHEMA, getLogger(), writer -> {
            for (int i = 0; i < count; i++) {
                writer.write(ClickstreamSchema.toRecord(source.next()));
            }
        });
        session.getProvenanceReporter().create(flowFile, "Generated " + count + " clickstream events");
        session.adjustCounter(COUNTER_EVENTS, count, false);
        session.adjustCounter(COUNTER_DUPLICATES, source.duplicatesEmitted() - duplicatesBefore, false);
        session.adjustCounter(COUNTER_MALFORMED, source.malformedEmitted() - malformedBefore, false);
        session.transfer(flowFile, REL_SUCCESS);
        session.commitAsync();
    }

    /** How many events this trigger writes: a full FlowFile, or with pacing only what is due by now. */
    private int recordsDue(final ProcessContext context, final long alreadyEmitted) {
        final int perFlowFile = context.getProperty(RECORDS_PER_FLOWFILE).asInteger();
        final long perSecond = context.getProperty(EVENTS_PER_SECOND).asLong();
        if (perSecond == 0) {
            return perFlowFile;
        }
        final double elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
        final long due = (long) (elapsedSeconds * perSecond) - alreadyEmitted;
        return (int) Math.max(0, Math.min(perFlowFile, due));
    }

    private static final class FractionValidator implements Validator {
        @Override
        public ValidationResult validate(final String subject, final String input, final ValidationContext context) {
            boolean valid;
            try {
                final double value = Double.parseDouble(input);
                valid = value >= 0 && value <= 1;
            } catch (final NumberFormatException | NullPointerException e) {
                valid = false;
            }
            return new ValidationResult.Builder().subject(subject).input(input).valid(valid)
                    .explanation(valid ? null : "must be a number from 0 to 1, such as 0.05").build();
        }
    }

    private static final class InstantValidator implements Validator {
        @Override
        public ValidationResult validate(final String subject, final String input, final ValidationContext context) {
            String problem = null;
            if (input != null && !input.isBlank()) {
                try {
                    Instant.parse(input.trim());
                } catch (final DateTimeParseException e) {
                    problem = "must be an ISO-8601 instant in UTC such as 2026-01-01T00:00:00Z, or empty for now";
                }
            }
            return new ValidationResult.Builder().subject(subject).input(input).valid(problem == null).explanation(problem).build();
        }
    }
}
