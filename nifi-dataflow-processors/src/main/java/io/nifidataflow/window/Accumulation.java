package io.nifidataflow.window;

import io.nifidataflow.window.engine.AccumulationMode;
import org.apache.nifi.components.DescribedValue;

/** The Accumulation Mode property's values. */
enum Accumulation implements DescribedValue {
    DISCARDING("Discarding", "Each pane holds only the records since the previous pane of its window", AccumulationMode.DISCARDING),
    ACCUMULATING("Accumulating", "Each pane holds every record of its window so far", AccumulationMode.ACCUMULATING);

    private final String displayName;
    private final String description;
    private final AccumulationMode mode;

    Accumulation(final String displayName, final String description, final AccumulationMode mode) {
        this.displayName = displayName;
        this.description = description;
        this.mode = mode;
    }

    AccumulationMode mode() {
        return mode;
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
