package io.nifidataflow.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VertexEndpointTest {

    @Test
    void buildsTheResourceNameFromItsParts() {
        assertEquals("projects/p/locations/europe-west4/endpoints/42", VertexEndpoint.resourceName(null, " p ", "europe-west4", "42"));
    }

    @Test
    void takesAFullResourceNameAsIs() {
        assertEquals("projects/p/locations/l/endpoints/e", VertexEndpoint.resourceName(" projects/p/locations/l/endpoints/e ", null, null, null));
    }

    @Test
    void refusesMalformedOrMissingPartsSayingWhich() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VertexEndpoint.resourceName("endpoints/e", null, null, null))
                .getMessage().startsWith("Endpoint must look like"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VertexEndpoint.resourceName(null, "p", "l", " "))
                .getMessage().startsWith("Endpoint ID is required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VertexEndpoint.resourceName(null, "p/q", "l", "e"))
                .getMessage().startsWith("Project ID must be one path segment"));
    }

    @Test
    void theDefaultApiEndpointIsRegional() {
        assertEquals("us-central1-aiplatform.googleapis.com:443", VertexEndpoint.defaultApiEndpoint("us-central1"));
    }
}
