package io.nifidataflow.window.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct record paths a configuration reads, each with a slot number. A record's values are read
 * once per path into an array indexed by slot, however many keys, aggregates and filters use the path.
 */
public final class PathSlots {

    private final Map<String, Integer> slots = new HashMap<>();
    private final List<String> paths = new ArrayList<>();

    /** The slot of {@code path}, allocated on first use. */
    public int slotFor(final String path) {
        final String normalized = path.trim();
        return slots.computeIfAbsent(normalized, p -> {
            paths.add(p);
            return paths.size() - 1;
        });
    }

    /** The paths in slot order. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    public int size() {
        return paths.size();
    }
}
