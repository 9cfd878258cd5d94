package io.nifidataflow.window.engine;

import io.nifidataflow.window.assign.WindowAssigner;

/**
 * How windows are formed and fired, like Beam's {@code WindowingStrategy}.
 *
 * @param assigner          tumbling, sliding or session windows
 * @param outOfOrderness    the watermark trails the largest event time seen by this much
 * @param allowedLateness   how long after its end a window still accepts records (then firing LATE panes)
 * @param accumulationMode  whether later panes repeat what earlier panes of the window held
 * @param maxOpenWindows    above this many open windows, the oldest are fired early and closed
 * @param earlyFirings      whether EARLY panes are fired on request; the operator then tracks changed windows
 */
public record WindowingStrategy(WindowAssigner assigner, long outOfOrderness, long allowedLateness,
                                AccumulationMode accumulationMode, long maxOpenWindows, boolean earlyFirings) {

    public WindowingStrategy {
        if (outOfOrderness < 0 || allowedLateness < 0) {
            throw new IllegalArgumentException("Out-of-orderness and allowed lateness must not be negative");
        }
        if (maxOpenWindows < 1) {
            throw new IllegalArgumentException("Max Open Windows must be at least 1");
        }
    }
}
