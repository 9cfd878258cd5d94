package io.nifidataflow.local.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body, which java.net.http has no publisher for. NiFi's flow
 * upload endpoint needs one.
 */
final class MultipartBody {

    private static final String CRLF = "\r\n";

    private final String boundary = "nifi-dataflow-" + UUID.randomUUID();
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();
    private boolean finished;

    MultipartBody field(final String name, final String value) {
        part("Content-Disposition: form-data; name=\"" + name + "\"" + CRLF
                + "Content-Type: text/plain; charset=UTF-8", value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    MultipartBody file(final String name, final String fileName, final String mediaType, final byte[] data) {
        part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"" + CRLF
                + "Content-Type: " + mediaType, data);
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] toByteArray() {
        if (!finished) {
            write("--" + boundary + "--" + CRLF);
            finished = true;
        }
        return content.toByteArray();
    }

    private void part(final String headers, final byte[] data) {
        if (finished) {
            throw new IllegalStateException("The body is complete; no parts can be added");
        }
        write("--" + boundary + CRLF + headers + CRLF + CRLF);
        content.writeBytes(data);
        write(CRLF);
    }

    private void write(final String text) {
        content.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
