package io.nifidataflow.local.api;

/** A processor class NiFi has loaded, and the NAR (bundle) it came from. */
public record ProcessorType(String type, String bundleGroup, String bundleArtifact, String bundleVersion,
                            String description) {

    /** The class name without its package, as NiFi's UI shows it. */
    public String simpleName() {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
