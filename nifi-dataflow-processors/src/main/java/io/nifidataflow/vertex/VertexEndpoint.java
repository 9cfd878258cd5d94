package io.nifidataflow.vertex;

import java.util.regex.Pattern;

/** The endpoint resource name requests go to, and the regional API host that serves it. */
public final class VertexEndpoint {

    private static final Pattern RESOURCE_NAME = Pattern.compile("projects/[^/\\s]+/locations/[^/\\s]+/endpoints/[^/\\s]+");
    private static final Pattern SEGMENT = Pattern.compile("[^/\\s]+");

    private VertexEndpoint() {
    }

    /**
     * The resource name from either the full {@code endpoint} name or its three parts.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static String resourceName(final String endpoint, final String project, final String location, final String endpointId) {
        if (endpoint != null && !endpoint.isBlank()) {
            final String name = endpoint.trim();
            if (!RESOURCE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Endpoint must look like projects/PROJECT/locations/LOCATION/endpoints/ENDPOINT_ID but was '" + name + "'");
            }
            return name;
        }
        requireSegment("Project ID", project);
        requireSegment("Location", location);
        requireSegment("Endpoint ID", endpointId);
        return "projects/" + project.trim() + "/locations/" + location.trim() + "/endpoints/" + endpointId.trim();
    }

    /** Vertex AI online prediction is regional: {@code us-central1-aiplatform.googleapis.com:443} for us-central1. */
    public static String defaultApiEndpoint(final String location) {
        requireSegment("Location", location);
        return location.trim() + "-aiplatform.googleapis.com:443";
    }

    private static void requireSegment(final String property, final String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is required when Endpoint is not set, and evaluated to nothing");
        }
        if (!SEGMENT.matcher(value.trim()).matches()) {
            throw new IllegalArgumentException(property + " must be one path segment, without '/' or spaces, but was '" + value.trim() + "'");
        }
    }
}
