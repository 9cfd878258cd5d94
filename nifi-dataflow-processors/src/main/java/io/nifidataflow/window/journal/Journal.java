package io.nifidataflow.window.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a restart needs to rebuild the windows exactly: the watermark before the oldest input still held, then,
 * in processing order, every input since (by FlowFile UUID), every idle advance of the watermark, every round
 * of EARLY panes and every eviction. Replaying it over the held inputs repeats every decision the operator
 * made, including panes already emitted (which the replay then does not emit again), so restored windows
 * hold exactly what they held, with the same pane indexes.
 *
 * <p>Inputs leave the journal from the front once released. An input released out of order (it fed no window)
 * stays as a marker, so that the replay still applies its effect on the watermark.</p>
 */
public final class Journal {

    /** One step of processing. */
    public sealed interface Entry permits Input, WatermarkAdvance, EarlyFiring, Eviction {
    }

    /**
     * An input FlowFile was processed as {@code sequence}; the watermark was {@code watermarkAfter} afterwards.
     * {@code released} once it left the processor.
     */
    public record Input(String flowFileId, long sequence, long watermarkAfter, boolean released) implements Entry {
    }

    /** The watermark advanced without input (idle timeout). */
    public record WatermarkAdvance(long watermark) implements Entry {
    }

    /** EARLY panes fired (Early Firing Interval). */
    public record EarlyFiring() implements Entry {
    }

    /** Windows ordered at or before ({@code end}, {@code firstArrival}) were evicted (Max Open Windows). */
    public record Eviction(long end, long firstArrival) implements Entry {
    }

    private long baseWatermark;
    private long nextSequence;
    private final List<Entry> entries;

    public Journal(final long baseWatermark, final long nextSequence, final List<Entry> entries) {
        this.baseWatermark = baseWatermark;
        this.nextSequence = nextSequence;
        this.entries = new ArrayList<>(entries);
    }

    public static Journal empty() {
        return new Journal(Long.MIN_VALUE, 0, List.of());
    }

    /** The watermark before the first entry. */
    public long baseWatermark() {
        return baseWatermark;
    }

    /** The sequence number the next input gets. */
    public long nextSequence() {
        return nextSequence;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The FlowFile UUIDs of inputs processed but not yet released, in processing order. */
    public Set<String> heldFlowFileIds() {
        final Set<String> ids = new LinkedHashSet<>();
        for (final Entry entry : entries) {
            if (entry instanceof Input input && !input.released()) {
                ids.add(input.flowFileId());
            }
        }
        return ids;
    }

    /** Allocates the sequence number of a new input. */
    public long allocateSequence() {
        return nextSequence++;
    }

    public void recordInput(final String flowFileId, final long sequence, final long watermarkAfter) {
        entries.add(new Input(flowFileId, sequence, watermarkAfter, false));
    }

    /** Consecutive advances collapse: only the last one can have changed anything the next entry sees. */
    public void recordWatermark(final long watermark) {
        if (!entries.isEmpty() && entries.get(entries.size() - 1) instanceof WatermarkAdvance) {
            entries.set(entries.size() - 1, new WatermarkAdvance(watermark));
        } else if (entries.isEmpty()) {
            baseWatermark = Math.max(baseWatermark, watermark);
        } else {
            entries.add(new WatermarkAdvance(watermark));
        }
    }

    /** Recorded only when panes fired: a round that fires nothing changes nothing. */
    public void recordEarlyFiring() {
        if (!entries.isEmpty()) {
            entries.add(new EarlyFiring());
        }
    }

    public void recordEviction(final long end, final long firstArrival) {
        if (!entries.isEmpty()) {
            entries.add(new Eviction(end, firstArrival));
        }
    }

    /**
     * Marks the input {@code sequence} released, then drops the entries before the oldest input still held,
     * folding their watermarks into the base: no window open now depends on them.
     */
    public void release(final long sequence) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Input input && input.sequence() == sequence && !input.released()) {
                entries.set(i, new Input(input.flowFileId(), input.sequence(), input.watermarkAfter(), true));
                break;
            }
        }
        int drop = 0;
        while (drop < entries.size() && !(entries.get(drop) instanceof Input input && !input.released())) {
            final Entry entry = entries.get(drop);
            if (entry instanceof Input input) {
                baseWatermark = Math.max(baseWatermark, input.watermarkAfter());
            } else if (entry instanceof WatermarkAdvance advance) {
                baseWatermark = Math.max(baseWatermark, advance.watermark());
            }
            drop++;
        }
        entries.subList(0, drop).clear();
    }
}
