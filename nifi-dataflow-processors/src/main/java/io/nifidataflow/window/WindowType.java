package io.nifidataflow.window;

import org.apache.nifi.components.DescribedValue;

/** The Window Type property's values. */
enum WindowType implements DescribedValue {
    TUMBLING("Tumbling", "Fixed, non-overlapping windows of Window Size, aligned to the epoch plus Window Offset"),
    SLIDING("Sliding", "Windows of Window Size starting every Window Slide; a record belongs to every window that contains it"),
    SESSION("Session", "Per-key sessions that close after Session Gap without records; overlapping sessions merge");

    private final String displayName;
    private final String description;

    WindowType(final String displayName, final String description) {
        this.displayName = displayName;
        this.description = description;
    }

    @Override
    public String getValue() {
        return displayName;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
