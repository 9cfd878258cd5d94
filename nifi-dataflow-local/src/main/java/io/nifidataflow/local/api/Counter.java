package io.nifidataflow.local.api;

/**
 * A NiFi counter, e.g. records a processor wrote.
 *
 * @param context the component it belongs to, as NiFi names it: {@code "<name> (<component id>)"}, or
 *                {@code "All <type>'s"} for the total over all components of a type
 */
public record Counter(String context, String name, long value) {

    public boolean belongsTo(final String componentId) {
        return context.endsWith("(" + componentId + ")");
    }
}
