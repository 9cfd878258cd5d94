package io.nifidataflow.window;

import io.nifidataflow.window.aggregate.AggregateSet;
import io.nifidataflow.window.engine.IdleWatermark;
import io.nifidataflow.window.engine.Pane;
import io.nifidataflow.window.engine.PaneListener;
import io.nifidataflow.window.engine.WindowOperator;
import io.nifidataflow.window.journal.Journal;
import io.nifidataflow.window.journal.JournalCodec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.FlowFileFilter;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.ProcessSessionFactory;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

/**
 * Streaming mode: the window operator fed across FlowFiles, made exactly-once across restarts.
 *
 * <p>Each input FlowFile is taken in a session of its own and held, uncommitted, until every window it fed is
 * final; then it goes to {@code original} with its late and invalid children. Panes go to {@code success} in a
 * separate session per trigger, committed together with the processor's LOCAL state: the {@link Journal} of what
 * was processed since the oldest held input. A stop rolls the held sessions back and a crash leaves their
 * FlowFiles in the input queue; either way the next start finds them there, replays the journal over them and
 * arrives at exactly the windows, pane indexes and watermark it had, without emitting any pane twice.</p>
 *
 * <p>Not thread-safe: AggregateWindow runs on one thread.</p>
 */
final class StreamingAggregation implements PaneListener {

    /** Inputs taken per trigger; panes of one trigger leave as one FlowFile. */
    private static final int MAX_INPUTS_PER_TRIGGER = 50;
    private static final long MAX_TRIGGER_NANOS = 1_000_000_000L;

    private final WindowSettings settings;
    private final AggregateSet aggregates;
    private final PaneOutput paneOutput;
    private final ComponentLog logger;
    private final LongSupplier clock;
    private final long earlyFiringInterval;

    private final ArrayDeque<HeldInput> held = new ArrayDeque<>();
    private final List<Pane> panes = new ArrayList<>();
    private WindowOperator operator;
    private RecordIngest ingest;
    private Journal journal;
    private IdleWatermark idle;
    private boolean recovered;
    private boolean replaying;
    private boolean stateDirty;
    private long lastEarlyFiring;
    private long evictedWindows;

    StreamingAggregation(final WindowSettings settings, final ComponentLog logger, final LongSupplier clock) {
        this.settings = settings;
        this.aggregates = settings.aggregates();
        this.paneOutput = new PaneOutput(new PaneRecords(settings.keyNames(), aggregates.specs()));
        this.logger = logger;
        this.clock = clock;
        this.earlyFiringInterval = settings.values().earlyFiringInterval();
    }

    void onTrigger(final ProcessContext context, final ProcessSessionFactory sessionFactory) {
        final RecordReaderFactory readerFactory = context.getProperty(AggregateWindow.RECORD_READER).asControllerService(RecordReaderFactory.class);
        final RecordSetWriterFactory writerFactory = context.getProperty(AggregateWindow.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        ProcessSession out = null;
        try {
            if (!recovered) {
                recover(context, sessionFactory, readerFactory, writerFactory);
            }
            out = sessionFactory.createSession();
            trigger(context, sessionFactory, out, readerFactory, writerFactory);
        } catch (final RuntimeException e) {
            // Whatever went wrong, the windows may now differ from the committed state: rebuild them from it.
            if (out != null) {
                out.rollback();
            }
            reset();
            throw e;
        }
    }

    private void trigger(final ProcessContext context, final ProcessSessionFactory sessionFactory, final ProcessSession out,
                         final RecordReaderFactory readerFactory, final RecordSetWriterFactory writerFactory) {
        final long now = clock.getAsLong();
        final long watermarkBefore = operator.watermark();
        int inputs = 0;
        final long started = System.nanoTime();
        while (inputs < MAX_INPUTS_PER_TRIGGER && System.nanoTime() - started < MAX_TRIGGER_NANOS) {
            final ProcessSession session = sessionFactory.createSession();
            final FlowFile flowFile = session.get();
            if (flowFile == null) {
                break;
            }
            inputs++;
            if (!process(session, flowFile, journal.allocateSequence(), false, readerFactory, writerFactory)) {
                // Part of a huge unreadable FlowFile was applied: start over from the last committed state.
                out.rollback();
                reset();
                return;
            }
        }
        if (inputs > 0) {
            idle.onInput(now, operator.watermark());
        } else {
            final long idleWatermark = idle.watermarkAt(now);
            if (idleWatermark > operator.watermark()) {
                operator.advanceWatermark(idleWatermark);
                journal.recordWatermark(idleWatermark);
            }
        }
        if (earlyFiringInterval > 0 && now - lastEarlyFiring >= earlyFiringInterval) {
            lastEarlyFiring = now;
            final int before = panes.size();
            operator.fireEarlyPanes();
            if (panes.size() > before) {
                journal.recordEarlyFiring();
            }
        }
        final List<HeldInput> releasable = releasable();
        final boolean changed = inputs > 0 || !panes.isEmpty() || !releasable.isEmpty() || operator.watermark() != watermarkBefore || stateDirty;
        try {
            if (!panes.isEmpty()) {
                out.transfer(paneOutput.write(out, null, panes, JournalCodec.describe(operator.watermark()), writerFactory, logger), AggregateWindow.REL_SUCCESS);
                panes.clear();
            }
            Counters.adjust(out, Counters.WINDOWS_EVICTED, evictedWindows);
            evictedWindows = 0;
            if (changed) {
                // The released inputs are still listed as held: should NiFi die before they commit, they come back
                // and the replay needs them. They leave the journal once their own commit has happened.
                out.setState(JournalCodec.encode(journal, operator.watermark(), settings.fingerprint()), Scope.LOCAL);
                stateDirty = false;
            }
        } catch (final IOException e) {
            throw new ProcessException("Could not emit panes or save the window state; the windows will be rebuilt from the held input", e);
        }
        out.commitAsync(() -> release(releasable), failure -> {
            logger.error("Could not commit panes and window state; the windows will be rebuilt from the held input", failure);
            reset();
        });
        if (!changed) {
            context.yield();
        }
    }

    /**
     * Reads one input into the operator and holds it. Returns false only when a partly applied FlowFile proved
     * unreadable, which leaves the operator inconsistent.
     */
    private boolean process(final ProcessSession session, final FlowFile flowFile, final long sequence, final boolean replay,
                            final RecordReaderFactory readerFactory, final RecordSetWriterFactory writerFactory) {
        operator.beginBatch(sequence);
        final RecordIngest.Outcome outcome;
        try {
            outcome = ingest.read(session, flowFile, readerFactory, writerFactory, logger);
        } catch (final IOException | RuntimeException e) {
            // Whatever its records made fail (content, schema, a writer refusing a value) belongs to this FlowFile.
            final boolean consistent = operator.abortBatch();
            AggregateWindow.routeToFailure(session, flowFile, e, logger);
            session.commitAsync();
            if (replay) {
                journal.release(sequence);
                logger.error("{} could not be read again while rebuilding the windows; panes already emitted counted it", flowFile);
            }
            return consistent;
        }
        operator.commitBatch(!replay);
        if (!replay) {
            journal.recordInput(flowFile.getAttribute(CoreAttributes.UUID.key()), sequence, operator.watermark());
        }
        held.add(new HeldInput(sequence, session, flowFile, outcome));
        return true;
    }

    /** Inputs whose windows are all final: those older than every open window, and those that fed none. */
    private List<HeldInput> releasable() {
        final long oldestNeeded = operator.oldestNeededSequence();
        final List<HeldInput> releasable = new ArrayList<>();
        for (final HeldInput input : held) {
            if (input.sequence() < oldestNeeded || input.fedNoWindow()) {
                releasable.add(input);
            }
        }
        return releasable;
    }

    private void release(final List<HeldInput> inputs) {
        for (final HeldInput input : inputs) {
            if (!held.remove(input)) {
                continue;
            }
            final ProcessSession session = input.session();
            for (final Map.Entry<Relationship, FlowFile> child : input.outcome().children().entrySet()) {
                session.transfer(child.getValue(), child.getKey());
            }
            Counters.input(session, input.outcome());
            session.transfer(input.flowFile(), AggregateWindow.REL_ORIGINAL);
            session.commitAsync();
            journal.release(input.sequence());
            stateDirty = true;
        }
    }

    /** Rebuilds the windows from the journal in LOCAL state and the held inputs NiFi handed back. */
    private void recover(final ProcessContext context, final ProcessSessionFactory sessionFactory, final RecordReaderFactory readerFactory,
                         final RecordSetWriterFactory writerFactory) {
        final Map<String, String> state;
        try {
            state = context.getStateManager().getState(Scope.LOCAL).toMap();
        } catch (final IOException e) {
            throw new ProcessException("Cannot read the window state", e);
        }
        // Inputs still held by an earlier, failed attempt go back first, so that the queue has them all.
        reset();
        journal = JournalCodec.decode(state);
        operator = new WindowOperator(settings.strategy(), aggregates, this);
        ingest = new RecordIngest(settings, operator, aggregates);
        final String storedConfiguration = state.get(JournalCodec.CONFIGURATION);
        if (storedConfiguration != null && !storedConfiguration.equals(settings.fingerprint()) && !journal.heldFlowFileIds().isEmpty()) {
            logger.warn("The window configuration changed since the held input was processed; it is replayed under the new configuration");
        }
        replaying = true;
        try {
            operator.advanceWatermark(journal.baseWatermark());
            final Map<String, FlowFile> found = new HashMap<>();
            final Set<String> ids = journal.heldFlowFileIds();
            ProcessSession recovery = null;
            if (!ids.isEmpty()) {
                recovery = sessionFactory.createSession();
                for (final FlowFile flowFile : recovery.get(flowFile -> ids.contains(flowFile.getAttribute(CoreAttributes.UUID.key()))
                        ? FlowFileFilter.FlowFileFilterResult.ACCEPT_AND_CONTINUE : FlowFileFilter.FlowFileFilterResult.REJECT_AND_CONTINUE)) {
                    found.put(flowFile.getAttribute(CoreAttributes.UUID.key()), flowFile);
                }
            }
            int missing = 0;
            for (final Journal.Entry entry : new ArrayList<>(journal.entries())) {
                switch (entry) {
                    case Journal.Input input -> {
                        final FlowFile flowFile = input.released() ? null : found.remove(input.flowFileId());
                        if (flowFile == null) {
                            // Released before the state said so, or gone from the queue: its watermark still counts.
                            operator.advanceWatermark(input.watermarkAfter());
                            if (!input.released()) {
                                missing++;
                                journal.release(input.sequence());
                            }
                        } else {
                            final ProcessSession session = sessionFactory.createSession();
                            recovery.migrate(session, List.of(flowFile));
                            process(session, flowFile, input.sequence(), true, readerFactory, writerFactory);
                            if (operator.watermark() < input.watermarkAfter()) {
                                operator.advanceWatermark(input.watermarkAfter());
                            }
                        }
                    }
                    case Journal.WatermarkAdvance advance -> operator.advanceWatermark(advance.watermark());
                    case Journal.EarlyFiring early -> operator.fireEarlyPanes();
                    case Journal.Eviction eviction -> operator.evict(eviction.end(), eviction.firstArrival());
                }
            }
            if (missing > 0) {
                logger.warn("{} held input FlowFiles did not come back to the input queue; they are taken as released. Keep the input "
                        + "connection's back pressure below the swap threshold so that held FlowFiles are never swapped out", missing);
            }
            if (!journal.heldFlowFileIds().isEmpty()) {
                logger.info("Rebuilt {} open windows from {} held input FlowFiles; watermark {}", operator.openWindows(), held.size(),
                        JournalCodec.describe(operator.watermark()));
            }
        } finally {
            replaying = false;
            panes.clear();
        }
        final long now = clock.getAsLong();
        idle = new IdleWatermark(settings.values().idleTimeout(), now);
        idle.onInput(now, operator.watermark());
        // The early-firing clock restarts with the processor: the first trigger may fire.
        lastEarlyFiring = now - earlyFiringInterval;
        evictedWindows = 0;
        stateDirty = true;
        recovered = true;
    }

    /**
     * Saves the releases made since the last commit, so that a restart does not look for inputs that already
     * left. Everything else in the journal was saved with the panes it produced.
     */
    void saveReleases(final ProcessContext context) {
        if (recovered && stateDirty) {
            try {
                context.getStateManager().setState(JournalCodec.encode(journal, operator.watermark(), settings.fingerprint()), Scope.LOCAL);
                stateDirty = false;
            } catch (final IOException e) {
                logger.warn("Could not save the window state on stop; the next start will look for inputs already released", e);
            }
        }
    }

    /** Gives every held input back to the queue and forgets the windows; the next trigger rebuilds them. */
    void reset() {
        final Iterator<HeldInput> inputs = held.iterator();
        while (inputs.hasNext()) {
            final HeldInput input = inputs.next();
            try {
                input.session().rollback();
            } catch (final RuntimeException e) {
                logger.warn("Could not roll back held {}", input.flowFile(), e);
            }
            inputs.remove();
        }
        panes.clear();
        operator = null;
        ingest = null;
        journal = null;
        recovered = false;
    }

    @Override
    public void onPane(final Pane pane) {
        if (!replaying) {
            panes.add(pane);
        }
    }

    @Override
    public void onEviction(final long end, final long firstArrival, final int windows) {
        journal.recordEviction(end, firstArrival);
        if (!replaying) {
            evictedWindows += windows;
            logger.warn("More than {} windows were open: the {} that end first fired early and closed. Records that arrive for them "
                    + "later open new windows. Raise Max Open Windows or partition the input across nodes", settings.values().maxOpenWindows(), windows);
        }
    }

    int heldCount() {
        return held.size();
    }
}
