package io.nifidataflow.window;

import io.nifidataflow.record.RecordFlowFiles;
import io.nifidataflow.window.engine.Pane;
import io.nifidataflow.window.engine.PaneTiming;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;

/** Writes the panes of one trigger as one FlowFile to success, with its attributes, counters and provenance. */
final class PaneOutput {

    static final String WATERMARK_ATTRIBUTE = "window.watermark";

    private final PaneRecords records;

    PaneOutput(final PaneRecords records) {
        this.records = records;
    }

    /** {@code parent} is the input of a Bounded FlowFile, or null for Streaming panes, which come from many inputs. */
    FlowFile write(final ProcessSession session, final FlowFile parent, final List<Pane> panes, final String watermark,
                   final RecordSetWriterFactory writerFactory, final ComponentLog logger) {
        final PaneRecords.Output output = records.toRecords(panes);
        FlowFile flowFile = parent == null ? session.create() : session.create(parent);
        flowFile = RecordFlowFiles.write(session, flowFile, writerFactory, output.schema(), logger, writer -> {
            for (final Record record : output.records()) {
                writer.write(record);
            }
        });
        flowFile = session.putAttribute(flowFile, WATERMARK_ATTRIBUTE, watermark);
        final Map<PaneTiming, Integer> byTiming = new EnumMap<>(PaneTiming.class);
        for (final Pane pane : panes) {
            byTiming.merge(pane.timing(), 1, Integer::sum);
        }
        byTiming.forEach((timing, count) -> Counters.adjust(session, Counters.panes(timing), count));
        if (parent == null) {
            session.getProvenanceReporter().create(flowFile, panes.size() + " panes " + byTiming + " at watermark " + watermark);
        }
        return flowFile;
    }
}
