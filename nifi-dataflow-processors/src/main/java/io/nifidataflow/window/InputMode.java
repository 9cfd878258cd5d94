package io.nifidataflow.window;

import org.apache.nifi.components.DescribedValue;

/** The Input Mode property's values. */
enum InputMode implements DescribedValue {
    STREAMING("Streaming", "An unbounded stream: windows close as the watermark passes them, across FlowFiles"),
    BOUNDED("Bounded", "Each FlowFile is a complete dataset: all of its windows fire ON_TIME at its end and nothing carries over");

    private final String displayName;
    private final String description;

    InputMode(final String displayName, final String description) {
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
