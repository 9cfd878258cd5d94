package io.nifidataflow.window;

import io.nifidataflow.window.engine.AccumulationMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.TriggerWhenEmpty;
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
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.AbstractSessionFactoryProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.ProcessSessionFactory;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@TriggerSerially
@TriggerWhenEmpty
@Tags({"window", "aggregate", "event time", "watermark", "tumbling", "sliding", "session", "stream", "beam", "dataflow", "record"})
@CapabilityDescription("Aggregates records in event-time windows with Apache Beam's semantics: tumbling, sliding and session windows; "
        + "a watermark that trails the largest event time by Max Out-of-Orderness and advances on a quiet stream after Idle Timeout; "
        + "ON_TIME panes when the watermark passes a window, EARLY panes on an interval, LATE panes for records within Allowed Lateness, "
        + "and late records beyond it routed to 'late' rather than dropped. Aggregates are dynamic properties such as "
        + "revenue = sum(/price) where /event_type = 'purchase'. Each trigger that fires writes one FlowFile with a record per "
        + "(key, window, pane). Input FlowFiles are held until every window they fed is final, so that a stop, start or NiFi "
        + "restart loses no record and emits no pane twice.")
@WritesAttributes({
    @WritesAttribute(attribute = "record.count", description = "The number of records in the FlowFile"),
    @WritesAttribute(attribute = "mime.type", description = "The MIME type the Record Writer reports"),
    @WritesAttribute(attribute = "window.watermark", description = "On success FlowFiles: the watermark when the panes fired, as an ISO-8601 instant")
})
@DynamicProperty(name = "The output field name of an aggregate", value = "An aggregate expression such as sum(/price) where /event_type = 'purchase'",
        description = "Adds an aggregate to every pane: count(), count(/path), sum, avg, min, max, first, last, count_distinct, "
                + "approx_quantile(/path, rank) and top_k(/path, k), each with an optional 'where' filter",
        expressionLanguageScope = ExpressionLanguageScope.NONE)
@Stateful(scopes = Scope.LOCAL, description = "The watermark, shown readably under 'watermark', and a journal of the input FlowFiles processed "
        + "since the oldest one still held, with idle advances, early firings and evictions, from which windows are rebuilt after a restart")
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Memory grows with the number of open (key, window) pairs, "
        + "bounded by Max Open Windows, and with the number of input FlowFiles held until their windows are final")
public class AggregateWindow extends AbstractSessionFactoryProcessor {

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("The Record Reader for input FlowFiles")
            .identifiesControllerService(RecordReaderFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("The Record Writer for panes, and for late and invalid records. Pane records get a schema derived from the "
                    + "aggregates: configure the writer to inherit the record schema")
            .identifiesControllerService(RecordSetWriterFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor WINDOW_TYPE = new PropertyDescriptor.Builder()
            .name("Window Type")
            .description("How records are grouped in time")
            .required(true)
            .allowableValues(WindowType.class)
            .defaultValue(WindowType.TUMBLING)
            .build();

    static final PropertyDescriptor WINDOW_SIZE = new PropertyDescriptor.Builder()
            .name("Window Size")
            .description("The length of each window, such as 1 min")
            .required(true)
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.MILLISECONDS, 3650, TimeUnit.DAYS))
            .dependsOn(WINDOW_TYPE, WindowType.TUMBLING, WindowType.SLIDING)
            .build();

    static final PropertyDescriptor WINDOW_SLIDE = new PropertyDescriptor.Builder()
            .name("Window Slide")
            .description("How often a sliding window starts. A record belongs to Window Size / Window Slide windows; with a slide larger than "
                    + "the size, records between windows belong to none and are only counted")
            .required(true)
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.MILLISECONDS, 3650, TimeUnit.DAYS))
            .dependsOn(WINDOW_TYPE, WindowType.SLIDING)
            .build();

    static final PropertyDescriptor SESSION_GAP = new PropertyDescriptor.Builder()
            .name("Session Gap")
            .description("A key's session closes after this much event time without records; each record opens [t, t + gap)")
            .required(true)
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.MILLISECONDS, 3650, TimeUnit.DAYS))
            .dependsOn(WINDOW_TYPE, WindowType.SESSION)
            .build();

    static final PropertyDescriptor WINDOW_OFFSET = new PropertyDescriptor.Builder()
            .name("Window Offset")
            .description("Shifts window boundaries from the epoch, such as 15 min for hourly windows starting at a quarter past; "
                    + "less than Window Size (tumbling) or Window Slide (sliding)")
            .required(true)
            .defaultValue("0 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .dependsOn(WINDOW_TYPE, WindowType.TUMBLING, WindowType.SLIDING)
            .build();

    static final PropertyDescriptor GROUP_BY = new PropertyDescriptor.Builder()
            .name("Group By")
            .description("Comma-separated RecordPaths whose values form the key, such as /product_id or /category, /country. Each becomes "
                    + "an output field named after its last segment. Empty aggregates all records under one key")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor EVENT_TIME_PATH = new PropertyDescriptor.Builder()
            .name("Event Time Path")
            .description("The RecordPath of the event time: a timestamp, epoch milliseconds or an ISO-8601 date-time with a zone offset. "
                    + "Records without a usable time go to invalid")
            .required(true)
            .defaultValue("/event_time")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor INPUT_MODE = new PropertyDescriptor.Builder()
            .name("Input Mode")
            .description("Streaming windows an unbounded stream across FlowFiles; Bounded treats each FlowFile as a complete dataset")
            .required(true)
            .allowableValues(InputMode.class)
            .defaultValue(InputMode.STREAMING)
            .build();

    static final PropertyDescriptor MAX_OUT_OF_ORDERNESS = new PropertyDescriptor.Builder()
            .name("Max Out-of-Orderness")
            .description("The watermark is the largest event time seen minus this. Larger values wait longer for stragglers before a window fires")
            .required(true)
            .defaultValue("5 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .dependsOn(INPUT_MODE, InputMode.STREAMING)
            .build();

    static final PropertyDescriptor ALLOWED_LATENESS = new PropertyDescriptor.Builder()
            .name("Allowed Lateness")
            .description("How long after its end a window still accepts records, each input FlowFile with some firing a LATE pane. Input "
                    + "FlowFiles are held this much longer; see the documentation for the memory cost")
            .required(true)
            .defaultValue("0 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .dependsOn(INPUT_MODE, InputMode.STREAMING)
            .build();

    static final PropertyDescriptor IDLE_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Idle Timeout")
            .description("When no input arrives for this long, the watermark advances with processing time so that windows close on a quiet "
                    + "stream. 0 sec turns this off")
            .required(true)
            .defaultValue("30 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .dependsOn(INPUT_MODE, InputMode.STREAMING)
            .build();

    static final PropertyDescriptor EARLY_FIRING_INTERVAL = new PropertyDescriptor.Builder()
            .name("Early Firing Interval")
            .description("If set, every this much processing time an EARLY pane fires for each open window that changed since its last pane")
            .required(false)
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.MILLISECONDS, 3650, TimeUnit.DAYS))
            .dependsOn(INPUT_MODE, InputMode.STREAMING)
            .build();

    static final PropertyDescriptor ACCUMULATION_MODE = new PropertyDescriptor.Builder()
            .name("Accumulation Mode")
            .description("Whether a window's later panes hold only what arrived since its previous pane, or everything so far")
            .required(true)
            .allowableValues(Accumulation.class)
            .defaultValue(Accumulation.DISCARDING)
            .dependsOn(INPUT_MODE, InputMode.STREAMING)
            .build();

    static final PropertyDescriptor MAX_OPEN_WINDOWS = new PropertyDescriptor.Builder()
            .name("Max Open Windows")
            .description("The most (key, window) pairs kept open. Above it, the windows that end first fire an EARLY pane and close, with a "
                    + "warning, instead of memory growing without bound")
            .required(true)
            .defaultValue("1000000")
            .addValidator(StandardValidators.createLongValidator(1, Integer.MAX_VALUE, true))
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("One FlowFile per trigger that fires panes, with a record per (key, window, pane)").build();
    static final Relationship REL_LATE = new Relationship.Builder().name("late")
            .description("Records, as they were read, whose every window was past the allowed lateness").build();
    static final Relationship REL_INVALID = new Relationship.Builder().name("invalid")
            .description("Records without a usable event time or with a value an aggregate cannot take, with the reason in window_error").build();
    static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("Input FlowFiles whose content cannot be read as records, unchanged").build();
    static final Relationship REL_ORIGINAL = new Relationship.Builder().name("original")
            .description("Input FlowFiles, once every window they fed is final").build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_READER, RECORD_WRITER, WINDOW_TYPE, WINDOW_SIZE, WINDOW_SLIDE,
            SESSION_GAP, WINDOW_OFFSET, GROUP_BY, EVENT_TIME_PATH, INPUT_MODE, MAX_OUT_OF_ORDERNESS, ALLOWED_LATENESS, IDLE_TIMEOUT,
            EARLY_FIRING_INTERVAL, ACCUMULATION_MODE, MAX_OPEN_WINDOWS);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_LATE, REL_INVALID, REL_FAILURE, REL_ORIGINAL);

    /** Processing time, replaceable by tests of idle timeout and early firing. */
    volatile LongSupplier clock = System::currentTimeMillis;

    private volatile StreamingAggregation streaming;
    private volatile BoundedAggregation bounded;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String propertyDescriptorName) {
        return new PropertyDescriptor.Builder()
                .name(propertyDescriptorName)
                .description("The aggregate written to the output field " + propertyDescriptorName)
                .dynamic(true)
                .required(false)
                .addValidator(new AggregateValidator())
                .build();
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        final WindowSettings settings;
        try {
            settings = settings(context, context.getProperties());
        } catch (final RuntimeException e) {
            // A property NiFi already reports as invalid (such as a malformed time period) cannot be read yet.
            return results;
        }
        for (final String problem : settings.problems()) {
            // Expression problems are also reported per aggregate property by its validator; this covers the rest.
            results.add(new ValidationResult.Builder().subject("Window configuration").valid(false).explanation(problem).build());
        }
        return results;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        final WindowSettings settings = settings(context, context.getProperties());
        if (settings.values().inputMode() == InputMode.BOUNDED) {
            if (!context.getStateManager().getState(Scope.LOCAL).toMap().isEmpty()) {
                getLogger().warn("Input Mode is Bounded: clearing the streaming window state left by an earlier run");
                context.getStateManager().clear(Scope.LOCAL);
            }
            bounded = new BoundedAggregation(settings, getLogger());
            streaming = null;
        } else {
            streaming = new StreamingAggregation(settings, getLogger(), () -> clock.getAsLong());
            bounded = null;
        }
    }

    @OnStopped
    public void onStopped(final ProcessContext context) {
        final StreamingAggregation current = streaming;
        if (current != null) {
            current.saveReleases(context);
            current.reset();
        }
        streaming = null;
        bounded = null;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSessionFactory sessionFactory) {
        final StreamingAggregation currentStreaming = streaming;
        if (currentStreaming != null) {
            currentStreaming.onTrigger(context, sessionFactory);
            return;
        }
        final ProcessSession session = sessionFactory.createSession();
        try {
            bounded.onTrigger(context, session);
        } catch (final RuntimeException e) {
            session.rollback(true);
            throw e;
        }
    }

    static WindowSettings settings(final PropertyContext context, final Map<PropertyDescriptor, String> properties) {
        final WindowType type = context.getProperty(WINDOW_TYPE).asAllowableValue(WindowType.class);
        final InputMode mode = context.getProperty(INPUT_MODE).asAllowableValue(InputMode.class);
        final boolean streaming = mode == InputMode.STREAMING;
        final Map<String, String> aggregates = new LinkedHashMap<>();
        for (final Map.Entry<PropertyDescriptor, String> property : properties.entrySet()) {
            if (property.getKey().isDynamic() && property.getValue() != null) {
                aggregates.put(property.getKey().getName(), property.getValue());
            }
        }
        return new WindowSettings(new WindowSettings.Values(
                type,
                type == WindowType.SESSION ? 0 : millis(context, WINDOW_SIZE),
                type == WindowType.SLIDING ? millis(context, WINDOW_SLIDE) : 0,
                type == WindowType.SESSION ? millis(context, SESSION_GAP) : 0,
                type == WindowType.SESSION ? 0 : millis(context, WINDOW_OFFSET),
                context.getProperty(GROUP_BY).getValue(),
                context.getProperty(EVENT_TIME_PATH).getValue(),
                mode,
                streaming ? millis(context, MAX_OUT_OF_ORDERNESS) : 0,
                streaming ? millis(context, ALLOWED_LATENESS) : 0,
                streaming ? millis(context, IDLE_TIMEOUT) : 0,
                streaming && context.getProperty(EARLY_FIRING_INTERVAL).isSet() ? millis(context, EARLY_FIRING_INTERVAL) : 0,
                streaming ? context.getProperty(ACCUMULATION_MODE).asAllowableValue(Accumulation.class).mode() : AccumulationMode.DISCARDING,
                context.getProperty(MAX_OPEN_WINDOWS).asLong(),
                aggregates));
    }

    private static long millis(final PropertyContext context, final PropertyDescriptor property) {
        final Long value = context.getProperty(property).asTimePeriod(TimeUnit.MILLISECONDS);
        return value == null ? 0 : value;
    }

    /** Sends an input that cannot be processed to failure, unchanged, and says why. */
    static void routeToFailure(final ProcessSession session, final FlowFile input, final Exception cause, final ComponentLog logger) {
        logger.error("Routing {} to failure: {}", input, cause.getMessage(), cause);
        session.adjustCounter(Counters.FLOWFILES_UNREADABLE, 1, false);
        session.getProvenanceReporter().route(input, REL_FAILURE, cause.getMessage());
        session.transfer(session.penalize(input), REL_FAILURE);
    }

    /** Checks one aggregate property on its own, so the error appears on the property that has it. */
    private static final class AggregateValidator implements Validator {
        @Override
        public ValidationResult validate(final String subject, final String input, final ValidationContext context) {
            String problem = WindowSettings.aggregateNameProblem(subject);
            if (problem == null) {
                try {
                    new io.nifidataflow.window.aggregate.AggregateExpressionParser(new io.nifidataflow.window.aggregate.PathSlots(),
                            WindowSettings::pathProblem).parse(subject, input);
                } catch (final io.nifidataflow.window.aggregate.ExpressionException e) {
                    problem = "does not parse " + e.getMessage();
                }
            }
            return new ValidationResult.Builder().subject(subject).input(input).valid(problem == null).explanation(problem).build();
        }
    }
}
