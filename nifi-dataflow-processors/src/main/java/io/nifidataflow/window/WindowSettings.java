package io.nifidataflow.window;

import io.nifidataflow.record.FieldPath;
import io.nifidataflow.window.aggregate.AggregateExpressionParser;
import io.nifidataflow.window.aggregate.AggregateSet;
import io.nifidataflow.window.aggregate.AggregateSpec;
import io.nifidataflow.window.aggregate.ExpressionException;
import io.nifidataflow.window.aggregate.PathSlots;
import io.nifidataflow.window.assign.SessionWindows;
import io.nifidataflow.window.assign.SlidingWindows;
import io.nifidataflow.window.assign.TumblingWindows;
import io.nifidataflow.window.assign.WindowAssigner;
import io.nifidataflow.window.engine.AccumulationMode;
import io.nifidataflow.window.engine.WindowingStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.nifi.record.path.exception.RecordPathException;

/**
 * Everything AggregateWindow's properties configure, checked and compiled in one place, so that validation
 * and scheduling cannot disagree. Built from plain values; {@link #problems()} lists what is wrong in words
 * for the user, and a configuration with problems is never used.
 */
final class WindowSettings {

    /** The property values, in milliseconds where they are durations. */
    record Values(WindowType windowType, long windowSize, long windowSlide, long sessionGap, long windowOffset, String groupBy,
                  String eventTimePath, InputMode inputMode, long outOfOrderness, long allowedLateness, long idleTimeout,
                  long earlyFiringInterval, AccumulationMode accumulationMode, long maxOpenWindows, Map<String, String> aggregates) {
    }

    private final Values values;
    private final List<String> problems = new ArrayList<>();
    private final PathSlots slots = new PathSlots();
    private final List<AggregateSpec> specs = new ArrayList<>();
    private final List<String> keyNames = new ArrayList<>();
    private final List<Integer> keySlots = new ArrayList<>();
    private int timeSlot = -1;
    private WindowAssigner assigner;

    WindowSettings(final Values values) {
        this.values = values;
        compile();
    }

    List<String> problems() {
        return problems;
    }

    private void compile() {
        compileAssigner();
        final String timeProblem = pathProblem(values.eventTimePath());
        if (timeProblem != null) {
            problems.add("Event Time Path '" + values.eventTimePath() + "' is not a valid RecordPath: " + timeProblem);
        } else {
            timeSlot = slots.slotFor(values.eventTimePath());
        }
        compileGroupBy();
        compileAggregates();
        if (values.maxOpenWindows() < 1) {
            problems.add("Max Open Windows must be at least 1");
        }
    }

    private void compileAssigner() {
        final long size = values.windowSize();
        try {
            assigner = switch (values.windowType()) {
                case TUMBLING -> new TumblingWindows(size, values.windowOffset());
                case SLIDING -> new SlidingWindows(size, values.windowSlide(), values.windowOffset());
                case SESSION -> new SessionWindows(values.sessionGap());
            };
            if (assigner.maxWindowsPerRecord() > 10_000) {
                problems.add("Window Size / Window Slide is " + assigner.maxWindowsPerRecord() + ": a record would belong to more than 10,000 windows");
            }
        } catch (final IllegalArgumentException e) {
            problems.add(e.getMessage() + " for " + values.windowType().getValue() + " windows");
        }
    }

    private void compileGroupBy() {
        final Set<String> names = new HashSet<>();
        final List<String> paths = OutputNames.splitPaths(values.groupBy());
        for (int i = 0; i < paths.size(); i++) {
            final String path = paths.get(i);
            if (path.isEmpty()) {
                problems.add("Group By has an empty path at position " + (i + 1) + "; separate RecordPaths with commas, such as /product_id, /country");
                continue;
            }
            final String problem = pathProblem(path);
            if (problem != null) {
                problems.add("Group By path '" + path + "' is not a valid RecordPath: " + problem);
                continue;
            }
            final String name = OutputNames.forGroupByPath(path, i);
            if (!names.add(name) || OutputNames.RESERVED.contains(name)) {
                problems.add("Group By path '" + path + "' gives the output field '" + name + "', which another field already has");
            }
            keyNames.add(name);
            keySlots.add(slots.slotFor(path));
        }
    }

    private void compileAggregates() {
        if (values.aggregates().isEmpty()) {
            problems.add("No aggregate is configured: add a dynamic property such as events = count() or revenue = sum(/price)");
            return;
        }
        if (values.aggregates().size() > AggregateSet.MAX_AGGREGATES) {
            problems.add("At most " + AggregateSet.MAX_AGGREGATES + " aggregates are supported");
            return;
        }
        final AggregateExpressionParser parser = new AggregateExpressionParser(slots, WindowSettings::pathProblem);
        for (final Map.Entry<String, String> aggregate : values.aggregates().entrySet()) {
            final String name = aggregate.getKey();
            final String problem = aggregateNameProblem(name);
            if (problem != null) {
                problems.add(problem);
                continue;
            }
            if (keyNames.contains(name)) {
                problems.add("Aggregate '" + name + "' has the name of a Group By output field");
                continue;
            }
            try {
                specs.add(parser.parse(name, aggregate.getValue()));
            } catch (final ExpressionException e) {
                problems.add("Aggregate '" + name + "' = " + aggregate.getValue() + " does not parse " + e.getMessage());
            }
        }
    }

    /** Why {@code name} cannot be an aggregate's output field, or null. */
    static String aggregateNameProblem(final String name) {
        if (!OutputNames.FIELD_NAME.matcher(name).matches()) {
            return "Aggregate name '" + name + "' is not a field name: use letters, digits and underscores, starting with a letter or underscore";
        }
        if (OutputNames.RESERVED.contains(name)) {
            return "Aggregate name '" + name + "' is reserved for the window fields " + OutputNames.RESERVED;
        }
        return null;
    }

    /** Why {@code path} is not a RecordPath, or null. */
    static String pathProblem(final String path) {
        if (path == null || path.isBlank()) {
            return "it is empty";
        }
        try {
            FieldPath.compile(path);
            return null;
        } catch (final RecordPathException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    WindowingStrategy strategy() {
        return values.inputMode() == InputMode.BOUNDED
                ? new WindowingStrategy(assigner, 0, 0, AccumulationMode.DISCARDING, values.maxOpenWindows(), false)
                : new WindowingStrategy(assigner, values.outOfOrderness(), values.allowedLateness(), values.accumulationMode(),
                values.maxOpenWindows(), values.earlyFiringInterval() > 0);
    }

    AggregateSet aggregates() {
        return new AggregateSet(specs);
    }

    List<String> slotPaths() {
        return slots.paths();
    }

    int timeSlot() {
        return timeSlot;
    }

    int[] keySlots() {
        return keySlots.stream().mapToInt(Integer::intValue).toArray();
    }

    List<String> keyNames() {
        return List.copyOf(keyNames);
    }

    Values values() {
        return values;
    }

    /** The settings that decide what replaying held input means; a change between runs is worth a warning. */
    String fingerprint() {
        final Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("type", values.windowType());
        parts.put("size", values.windowSize());
        parts.put("slide", values.windowSlide());
        parts.put("gap", values.sessionGap());
        parts.put("offset", values.windowOffset());
        parts.put("groupBy", values.groupBy());
        parts.put("time", values.eventTimePath());
        parts.put("ooo", values.outOfOrderness());
        parts.put("lateness", values.allowedLateness());
        parts.put("mode", values.accumulationMode());
        parts.put("aggregates", values.aggregates());
        return Integer.toHexString(parts.toString().hashCode());
    }
}
