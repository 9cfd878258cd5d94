package io.nifidataflow.local.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * JSON over HTTP against {@code /nifi-api}: turns every failure into a {@link NiFiApiException} that
 * names the call and quotes NiFi's answer, which usually says exactly what is wrong.
 */
final class NiFiHttp implements AutoCloseable {

    private static final int MAX_ERROR_BODY_CHARS = 2_000;

    private final URI apiUri;
    private final Duration requestTimeout;
    private final HttpClient client;
    private final ObjectMapper mapper;

    NiFiHttp(final URI apiUri, final Duration requestTimeout, final ObjectMapper mapper) {
        this.apiUri = apiUri;
        this.requestTimeout = requestTimeout;
        this.mapper = mapper;
        this.client = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    ObjectMapper mapper() {
        return mapper;
    }

    JsonNode get(final String path) {
        return json("GET", path, request(path).GET());
    }

    JsonNode post(final String path, final JsonNode body) {
        return json("POST", path, request(path).header("Content-Type", "application/json").POST(publisher(body)));
    }

    JsonNode put(final String path, final JsonNode body) {
        return json("PUT", path, request(path).header("Content-Type", "application/json").PUT(publisher(body)));
    }

    JsonNode delete(final String path) {
        return json("DELETE", path, request(path).DELETE());
    }

    JsonNode postMultipart(final String path, final MultipartBody body) {
        return json("POST", path, request(path)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    byte[] getBytes(final String path) {
        return send("GET", path, request(path).GET()).body();
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(URI.create(apiUri + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json, application/octet-stream, */*");
    }

    private JsonNode json(final String method, final String path, final HttpRequest.Builder request) {
        final byte[] body = send(method, path, request).body();
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (final IOException e) {
            throw new NiFiApiException(method + " " + path + " answered with something that is not JSON: "
                    + abbreviate(new String(body, StandardCharsets.UTF_8)), e);
        }
    }

    private HttpResponse<byte[]> send(final String method, final String path, final HttpRequest.Builder request) {
        final HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (final IOException e) {
            throw new NiFiApiException(method + " " + apiUri + path + " failed: " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NiFiApiException(method + " " + path + " was interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new NiFiApiException(method + " " + path + " answered HTTP " + response.statusCode() + ": "
                    + abbreviate(new String(response.body(), StandardCharsets.UTF_8)));
        }
        return response;
    }

    private HttpRequest.BodyPublisher publisher(final JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body));
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize request body", e);
        }
    }

    private static String abbreviate(final String text) {
        final String trimmed = text.strip();
        return trimmed.length() <= MAX_ERROR_BODY_CHARS ? trimmed : trimmed.substring(0, MAX_ERROR_BODY_CHARS) + "...";
    }

    @Override
    public void close() {
        client.close();
    }
}
