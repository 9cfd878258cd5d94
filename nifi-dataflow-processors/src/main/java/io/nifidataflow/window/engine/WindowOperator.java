package io.nifidataflow.window.engine;

import io.nifidataflow.window.aggregate.Accumulator;
import io.nifidataflow.window.aggregate.AggregateSet;
import io.nifidataflow.window.assign.Window;
import io.nifidataflow.window.assign.WindowAssigner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * Event-time windowed aggregation with Beam's semantics, independent of any engine: records go in by batch
 * (one input FlowFile), panes come out through a {@link PaneListener}.
 *
 * <p>A batch is judged against the watermark as it stood before it: {@link #beginBatch} fixes that watermark,
 * {@link #admit} tells the caller whether each record is accepted, late or in no window, {@link #stage} keeps
 * the accepted ones, and {@link #commitBatch} applies them, fires LATE panes (at most one per window per batch),
 * advances the watermark to the largest event time seen minus the out-of-orderness, fires ON_TIME panes and
 * garbage-collects windows past their allowed lateness. {@link #abortBatch} forgets a batch whose input turned
 * out to be unreadable. Processing is a pure function of the batches and the calls between them, which is
 * what lets a restart rebuild the state by replaying them.</p>
 *
 * <p>Not thread-safe.</p>
 */
public final class WindowOperator {

    /** Staged records are applied in chunks of this many, bounding the memory a huge FlowFile takes. */
    static final int STAGE_LIMIT = 65_536;

    private final AggregateSet aggregates;
    private final PaneListener listener;
    private final WindowAssigner assigner;
    private final boolean merging;
    private final long lateness;
    private final long outOfOrderness;
    private final boolean discarding;
    private final boolean trackEarly;
    private final long maxOpenWindows;
    private final int aggregateCount;

    private final HashMap<Object, KeyState> keys = new HashMap<>();
    private final WindowTimers timers = new WindowTimers();
    private final OpenWindowCounts openBySequence = new OpenWindowCounts();
    private final List<WindowState> lateListed = new ArrayList<>();
    private final List<WindowState> changedOpen = new ArrayList<>();
    private final List<WindowState> overlapping = new ArrayList<>();
    private final long[] starts;
    private final long[] ends;
    private final WindowState[] matched;

    private long watermark = Long.MIN_VALUE;
    private long openWindows;

    private boolean inBatch;
    private long batchSequence;
    private long batchWatermark;
    private long batchMaxEventTime;
    private boolean batchPartlyApplied;
    private long droppedPairs;

    private int stagedCount;
    private long[] stagedTimes = new long[256];
    private long[] stagedMasks = new long[256];
    private long[] stagedArrivals = new long[256];
    private Object[] stagedKeys = new Object[256];
    private Object[] stagedInputs;

    public WindowOperator(final WindowingStrategy strategy, final AggregateSet aggregates, final PaneListener listener) {
        this.aggregates = aggregates;
        this.listener = listener;
        this.assigner = strategy.assigner();
        this.merging = assigner.isMerging();
        this.lateness = strategy.allowedLateness();
        this.outOfOrderness = strategy.outOfOrderness();
        this.discarding = strategy.accumulationMode() == AccumulationMode.DISCARDING;
        this.trackEarly = strategy.earlyFirings();
        this.maxOpenWindows = strategy.maxOpenWindows();
        this.aggregateCount = aggregates.size();
        this.starts = new long[assigner.maxWindowsPerRecord()];
        this.ends = new long[assigner.maxWindowsPerRecord()];
        this.matched = new WindowState[assigner.maxWindowsPerRecord()];
        this.stagedInputs = new Object[256 * Math.max(1, aggregateCount)];
    }

    public long watermark() {
        return watermark;
    }

    public long openWindows() {
        return openWindows;
    }

    /** The smallest input sequence whose records open windows still hold; {@link Long#MAX_VALUE} when none. */
    public long oldestNeededSequence() {
        return openBySequence.oldest();
    }

    /** Starts a batch of records from input {@code sequence}, judged against the current watermark. */
    public void beginBatch(final long sequence) {
        if (inBatch) {
            throw new IllegalStateException("A batch is already open");
        }
        inBatch = true;
        batchSequence = sequence;
        batchWatermark = watermark;
        batchMaxEventTime = Long.MIN_VALUE;
        batchPartlyApplied = false;
        droppedPairs = 0;
        stagedCount = 0;
    }

    /**
     * Decides a record's fate from its event time alone. Every record with a valid event time goes through
     * here, accepted or not, because all of them move the watermark.
     */
    public Admission admit(final long eventTime) {
        if (eventTime > batchMaxEventTime) {
            batchMaxEventTime = eventTime;
        }
        final int count = assigner.assign(eventTime, starts, ends);
        if (count == 0) {
            return Admission.NO_WINDOW;
        }
        int expired = 0;
        for (int i = 0; i < count; i++) {
            if (isExpired(ends[i], batchWatermark)) {
                expired++;
            }
        }
        if (expired == count) {
            return Admission.LATE;
        }
        droppedPairs += expired;
        return Admission.ACCEPTED;
    }

    /** (record, window) pairs of accepted records that were too late for that window, in this batch. */
    public long droppedPairs() {
        return droppedPairs;
    }

    private boolean isExpired(final long end, final long against) {
        return end - 1 + lateness < against;
    }

    /**
     * Keeps an accepted record until the batch commits. {@code inputs} from {@code offset} hold its prepared
     * aggregate inputs and {@code mask} says which aggregates it feeds; {@code index} is its position in the input.
     */
    public void stage(final Object key, final long eventTime, final Object[] inputs, final int offset, final long mask, final long index) {
        if (stagedCount == stagedTimes.length) {
            growStage();
        }
        final int at = stagedCount++;
        stagedTimes[at] = eventTime;
        stagedMasks[at] = mask;
        stagedArrivals[at] = Arrival.of(batchSequence, index);
        stagedKeys[at] = key;
        System.arraycopy(inputs, offset, stagedInputs, at * aggregateCount, aggregateCount);
        if (stagedCount >= STAGE_LIMIT) {
            applyStaged();
            batchPartlyApplied = true;
        }
    }

    private void growStage() {
        final int capacity = stagedTimes.length * 2;
        stagedTimes = Arrays.copyOf(stagedTimes, capacity);
        stagedMasks = Arrays.copyOf(stagedMasks, capacity);
        stagedArrivals = Arrays.copyOf(stagedArrivals, capacity);
        stagedKeys = Arrays.copyOf(stagedKeys, capacity);
        stagedInputs = Arrays.copyOf(stagedInputs, capacity * Math.max(1, aggregateCount));
    }

    /**
     * Forgets the open batch. Returns false when part of it had already been applied (a FlowFile of more than
     * {@value #STAGE_LIMIT} accepted records): the state is then no longer what it was, and the caller must
     * rebuild it.
     */
    public boolean abortBatch() {
        inBatch = false;
        Arrays.fill(stagedKeys, 0, stagedCount, null);
        Arrays.fill(stagedInputs, 0, stagedCount * aggregateCount, null);
        stagedCount = 0;
        return !batchPartlyApplied;
    }

    /**
     * Applies the batch, fires LATE panes for windows it reached late, advances the watermark, fires ON_TIME
     * panes, collects expired windows and, when {@code enforceMaxOpenWindows}, evicts the oldest windows above
     * Max Open Windows. A replay passes false and repeats the evictions recorded at the time instead.
     */
    public void commitBatch(final boolean enforceMaxOpenWindows) {
        if (!inBatch) {
            throw new IllegalStateException("No batch is open");
        }
        applyStaged();
        inBatch = false;
        fireLatePanes();
        if (batchMaxEventTime != Long.MIN_VALUE) {
            final long candidate = batchMaxEventTime - outOfOrderness;
            if (candidate > watermark) {
                advanceWatermark(candidate);
            }
        }
        if (enforceMaxOpenWindows && openWindows > maxOpenWindows) {
            evictOldest();
        }
    }

    private void applyStaged() {
        for (int i = 0; i < stagedCount; i++) {
            final Object key = stagedKeys[i];
            KeyState keyState = keys.get(key);
            if (keyState == null) {
                keyState = new KeyState(key);
                keys.put(key, keyState);
            }
            if (merging) {
                applyToSession(keyState, i);
            } else {
                applyToWindows(keyState, i);
            }
            stagedKeys[i] = null;
        }
        Arrays.fill(stagedInputs, 0, stagedCount * aggregateCount, null);
        stagedCount = 0;
    }

    private void applyToWindows(final KeyState keyState, final int staged) {
        final int count = assigner.assign(stagedTimes[staged], starts, ends);
        if (count > 1) {
            matchWindows(keyState, count);
        } else {
            matched[0] = keyState.find(starts[0]);
        }
        for (int w = 0; w < count; w++) {
            WindowState window = matched[w];
            matched[w] = null;
            if (isExpired(ends[w], batchWatermark)) {
                continue;
            }
            if (window == null) {
                window = open(keyState, starts[w], ends[w], aggregates.newAccumulators(), stagedArrivals[staged]);
            }
            addTo(window, staged);
        }
    }

    /**
     * Finds the key's existing windows among the record's sliding windows in one pass over the key's windows:
     * the record's windows start a slide apart, so each existing window's start says which one it is. This
     * reads each window once instead of once per window of the record.
     */
    private void matchWindows(final KeyState keyState, final int count) {
        final long first = starts[0];
        final long step = starts[1] - first;
        for (int i = 0; i < keyState.size(); i++) {
            final WindowState window = keyState.get(i);
            final long offset = window.start - first;
            if (offset >= 0) {
                final long w = offset / step;
                if (w < count && offset == w * step) {
                    matched[(int) w] = window;
                }
            }
        }
    }

    /**
     * Beam's session merging, incrementally: the record's proto-window joins every session of its key it
     * overlaps. Contained in one session, it simply adds to it; otherwise the union is a new window with new
     * bounds, pane numbering from 0 and the merged contents of the sessions it replaces.
     */
    private void applyToSession(final KeyState keyState, final int staged) {
        final long time = stagedTimes[staged];
        assigner.assign(time, starts, ends);
        final long protoStart = starts[0];
        final long protoEnd = ends[0];
        overlapping.clear();
        for (int i = 0; i < keyState.size(); i++) {
            final WindowState window = keyState.get(i);
            if (window.start < protoEnd && protoStart < window.end) {
                overlapping.add(window);
            }
        }
        if (overlapping.size() == 1 && overlapping.get(0).start <= protoStart && protoEnd <= overlapping.get(0).end) {
            addTo(overlapping.get(0), staged);
            return;
        }
        if (overlapping.isEmpty()) {
            addTo(open(keyState, protoStart, protoEnd, aggregates.newAccumulators(), stagedArrivals[staged]), staged);
            return;
        }
        overlapping.sort(Comparator.comparingLong(window -> window.start));
        long start = protoStart;
        long end = protoEnd;
        long firstArrival = stagedArrivals[staged];
        final Accumulator[] merged = overlapping.get(0).accumulators;
        for (int i = 0; i < overlapping.size(); i++) {
            final WindowState window = overlapping.get(i);
            start = Math.min(start, window.start);
            end = Math.max(end, window.end);
            firstArrival = Math.min(firstArrival, window.firstArrival);
            if (i > 0) {
                aggregates.merge(merged, window.accumulators);
            }
            close(window, false);
        }
        overlapping.clear();
        addTo(open(keyState, start, end, merged, firstArrival), staged);
    }

    private WindowState open(final KeyState keyState, final long start, final long end, final Accumulator[] accumulators, final long firstArrival) {
        final WindowState window = new WindowState(keyState, start, end, accumulators, firstArrival);
        // A window that ends at or before the watermark was born late: its chance of an ON_TIME pane is gone.
        window.onTimeDone = end <= watermark;
        timers.add(window, window.onTimeDone ? end + lateness : end);
        keyState.add(window);
        openBySequence.increment(Arrival.sequence(firstArrival));
        openWindows++;
        return window;
    }

    private void addTo(final WindowState window, final int staged) {
        aggregates.add(window.accumulators, stagedInputs, staged * aggregateCount, stagedMasks[staged], stagedTimes[staged], stagedArrivals[staged]);
        if (window.onTimeDone) {
            if (!window.lateListed) {
                window.lateListed = true;
                lateListed.add(window);
            }
        } else if (trackEarly && !window.changed) {
            changedOpen.add(window);
        }
        window.changed = true;
    }

    private void fireLatePanes() {
        for (final WindowState window : lateListed) {
            window.lateListed = false;
            if (window.alive) {
                fire(window, PaneTiming.LATE, true);
            }
        }
        lateListed.clear();
    }

    /** Moves the watermark forward (never back), firing ON_TIME panes and collecting expired windows. */
    public void advanceWatermark(final long to) {
        if (inBatch) {
            throw new IllegalStateException("The watermark moves only between batches");
        }
        if (to <= watermark) {
            return;
        }
        watermark = to;
        while (!timers.isEmpty() && timers.peekTime() <= to) {
            final WindowState window = timers.poll();
            if (!window.onTimeDone) {
                window.onTimeDone = true;
                final long collectAt = window.end + lateness;
                final boolean expiresNow = collectAt <= to;
                // Beam's default: the ON_TIME pane fires even when nothing changed since an EARLY pane.
                fire(window, PaneTiming.ON_TIME, !expiresNow);
                if (expiresNow) {
                    close(window);
                } else {
                    timers.add(window, collectAt);
                }
            } else {
                close(window);
            }
        }
    }

    /** Fires an EARLY pane for every window that is still before its end and changed since its last pane. */
    public void fireEarlyPanes() {
        if (inBatch) {
            throw new IllegalStateException("Panes fire only between batches");
        }
        for (final WindowState window : changedOpen) {
            if (window.alive && window.changed && !window.onTimeDone) {
                fire(window, PaneTiming.EARLY, true);
            }
        }
        changedOpen.clear();
    }

    private void fire(final WindowState window, final PaneTiming timing, final boolean keepOpen) {
        final Object[] values = aggregates.results(window.accumulators);
        listener.onPane(new Pane(window.owner.key, new Window(window.start, window.end), timing, window.nextPaneIndex++, values));
        window.changed = false;
        if (discarding && keepOpen) {
            window.accumulators = aggregates.newAccumulators();
        }
    }

    private void close(final WindowState window) {
        close(window, true);
    }

    /** {@code dropEmptyKey} false keeps the key's state even without windows, for a merge about to add one. */
    private void close(final WindowState window, final boolean dropEmptyKey) {
        window.alive = false;
        timers.remove(window);
        final KeyState keyState = window.owner;
        keyState.remove(window);
        if (dropEmptyKey && keyState.size() == 0) {
            keys.remove(keyState.key);
        }
        openBySequence.decrement(Arrival.sequence(window.firstArrival));
        openWindows--;
    }

    private static final Comparator<WindowState> EVICTION_ORDER =
            Comparator.<WindowState>comparingLong(window -> window.end).thenComparingLong(window -> window.firstArrival);

    /** Closes the windows that end first until 90% of Max Open Windows remain, so this does not repeat every batch. */
    private void evictOldest() {
        final List<WindowState> all = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, openWindows));
        for (final KeyState keyState : keys.values()) {
            for (int i = 0; i < keyState.size(); i++) {
                all.add(keyState.get(i));
            }
        }
        all.sort(EVICTION_ORDER);
        final long keep = Math.max(0, maxOpenWindows - maxOpenWindows / 10);
        final int evict = (int) Math.max(1, openWindows - keep);
        final WindowState bound = all.get(evict - 1);
        final int evicted = evict(bound.end, bound.firstArrival);
        listener.onEviction(bound.end, bound.firstArrival, evicted);
    }

    /**
     * Closes every window ordered at or before ({@code end}, {@code firstArrival}), first firing an EARLY pane
     * for each one that is before its end and holds records no pane has shown yet. Returns how many closed.
     */
    public int evict(final long end, final long firstArrival) {
        final List<WindowState> victims = new ArrayList<>();
        for (final KeyState keyState : keys.values()) {
            for (int i = 0; i < keyState.size(); i++) {
                final WindowState window = keyState.get(i);
                if (window.end < end || window.end == end && window.firstArrival <= firstArrival) {
                    victims.add(window);
                }
            }
        }
        victims.sort(EVICTION_ORDER);
        for (final WindowState window : victims) {
            if (!window.onTimeDone && window.changed) {
                fire(window, PaneTiming.EARLY, false);
            }
            close(window);
        }
        return victims.size();
    }
}
