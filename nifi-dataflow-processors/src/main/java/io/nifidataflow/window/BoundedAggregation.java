package io.nifidataflow.window;

import io.nifidataflow.window.aggregate.AggregateSet;
import io.nifidataflow.window.engine.Pane;
import io.nifidataflow.window.engine.WindowOperator;
import io.nifidataflow.window.journal.JournalCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

/**
 * Bounded mode: each FlowFile is a complete dataset. Its records are windowed as one batch, after which the
 * watermark jumps to the end of time, so every window fires one ON_TIME pane; nothing carries over.
 */
final class BoundedAggregation {

    private final WindowSettings settings;
    private final AggregateSet aggregates;
    private final PaneOutput paneOutput;
    private final ComponentLog logger;

    BoundedAggregation(final WindowSettings settings, final ComponentLog logger) {
        this.settings = settings;
        this.aggregates = settings.aggregates();
        this.paneOutput = new PaneOutput(new PaneRecords(settings.keyNames(), aggregates.specs()));
        this.logger = logger;
    }

    void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile input = session.get();
        if (input == null) {
            context.yield();
            return;
        }
        final RecordReaderFactory readerFactory = context.getProperty(AggregateWindow.RECORD_READER).asControllerService(RecordReaderFactory.class);
        final RecordSetWriterFactory writerFactory = context.getProperty(AggregateWindow.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        final List<Pane> panes = new ArrayList<>();
        final WindowOperator operator = new WindowOperator(settings.strategy(), aggregates, panes::add);
        final RecordIngest ingest = new RecordIngest(settings, operator, aggregates);
        operator.beginBatch(0);
        final RecordIngest.Outcome outcome;
        try {
            outcome = ingest.read(session, input, readerFactory, writerFactory, logger);
        } catch (final IOException | RuntimeException e) {
            operator.abortBatch();
            AggregateWindow.routeToFailure(session, input, e, logger);
            session.commitAsync();
            return;
        }
        operator.commitBatch(true);
        long lastEnd = Long.MIN_VALUE;
        operator.advanceWatermark(Long.MAX_VALUE);
        for (final Pane pane : panes) {
            lastEnd = Math.max(lastEnd, pane.window().end());
        }
        if (!panes.isEmpty()) {
            // All windows fired because the watermark passed the end of the last one.
            session.transfer(paneOutput.write(session, input, panes, JournalCodec.describe(lastEnd), writerFactory, logger), AggregateWindow.REL_SUCCESS);
        }
        for (final Map.Entry<Relationship, FlowFile> child : outcome.children().entrySet()) {
            session.transfer(child.getValue(), child.getKey());
        }
        Counters.input(session, outcome);
        session.transfer(input, AggregateWindow.REL_ORIGINAL);
        session.commitAsync();
    }
}
