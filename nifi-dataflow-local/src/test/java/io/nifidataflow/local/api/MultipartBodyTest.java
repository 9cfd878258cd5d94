package io.nifidataflow.local.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartBodyTest {

    @Test
    void encodesFieldsAndAFileBetweenBoundariesAndCloses() {
        final MultipartBody body = new MultipartBody()
                .field("groupName", "Clickstream Demo")
                .file("file", "flow.json", "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        final String boundary = body.contentType().substring(body.contentType().indexOf("boundary=") + "boundary=".length());

        final String encoded = new String(body.toByteArray(), StandardCharsets.UTF_8);

        assertTrue(body.contentType().startsWith("multipart/form-data; boundary="));
        assertEquals("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"groupName\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Clickstream Demo\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"flow.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + "{\"a\":1}\r\n"
                + "--" + boundary + "--\r\n", encoded);
    }

    @Test
    void cannotGrowOnceComplete() {
        final MultipartBody body = new MultipartBody().field("a", "b");
        body.toByteArray();

        assertThrows(IllegalStateException.class, () -> body.field("c", "d"));
    }
}
