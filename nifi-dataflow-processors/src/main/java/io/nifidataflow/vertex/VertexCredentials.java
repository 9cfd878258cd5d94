package io.nifidataflow.vertex;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Google credentials from a service account key (given inline or as a file) or from Application Default
 * Credentials. Messages about a key never quote it: a key is a secret, and these messages reach logs, bulletins
 * and validation results.
 *
 * <p>Service account keys are used as self-signed JWTs with the cloud-platform scope, as Google's client
 * libraries do by default: no token request leaves the machine, so a key works behind a proxy and its validity
 * is checked locally.</p>
 */
public final class VertexCredentials {

    public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private static final String[] REQUIRED_KEY_FIELDS = {"client_email", "private_key", "private_key_id"};

    private VertexCredentials() {
    }

    /** Why {@code json} is not a usable service account key, in words that never repeat its content; empty when it is. */
    public static Optional<String> problemWithKey(final String json) {
        final JsonElement parsed;
        try {
            parsed = JsonParser.parseString(json);
        } catch (final JsonParseException e) {
            return Optional.of("is not valid JSON");
        }
        if (!parsed.isJsonObject()) {
            return Optional.of("is not a JSON object");
        }
        final JsonElement type = parsed.getAsJsonObject().get("type");
        if (type == null || !type.isJsonPrimitive()) {
            return Optional.of("has no \"type\" field: it is not a service account key");
        }
        if (!"service_account".equals(type.getAsString())) {
            // The type is a fixed vocabulary (authorized_user, external_account, ...), not a secret.
            return Optional.of("is of type \"" + safeType(type.getAsString()) + "\", not a service account key (\"service_account\")");
        }
        final List<String> missing = new ArrayList<>();
        for (final String field : REQUIRED_KEY_FIELDS) {
            final JsonElement value = parsed.getAsJsonObject().get(field);
            if (value == null || !value.isJsonPrimitive() || value.getAsString().isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of("lacks " + String.join(", ", missing));
        }
        try {
            fromKey(json, null);
        } catch (final IOException e) {
            return Optional.of("cannot be loaded: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** @throws IOException with a message that does not quote the key */
    public static GoogleCredentials fromKey(final String json, final HttpProxy proxy) throws IOException {
        try (InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))) {
            return prepare(ServiceAccountCredentials.fromStream(in, transport(proxy)));
        } catch (final RuntimeException e) {
            // Parsers may put a fragment of their input in a message: give only the kind of problem.
            throw new IOException("the service account key is not well-formed (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static GoogleCredentials fromKeyFile(final Path file, final HttpProxy proxy) throws IOException {
        final String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getClass().getSimpleName(), e);
        }
        final Optional<String> problem = problemWithKey(json);
        if (problem.isPresent()) {
            throw new IOException(file + " " + problem.get());
        }
        return fromKey(json, proxy);
    }

    /** Application Default Credentials: GOOGLE_APPLICATION_CREDENTIALS, gcloud's, or the metadata server's. */
    public static GoogleCredentials applicationDefault(final HttpProxy proxy) throws IOException {
        return prepare(proxy == null ? GoogleCredentials.getApplicationDefault() : GoogleCredentials.getApplicationDefault(transport(proxy)));
    }

    private static GoogleCredentials prepare(final GoogleCredentials credentials) {
        GoogleCredentials scoped = credentials.createScopedRequired() ? credentials.createScoped(SCOPE) : credentials;
        if (scoped instanceof ServiceAccountCredentials serviceAccount) {
            scoped = serviceAccount.createWithUseJwtAccessWithScope(true);
        }
        return scoped;
    }

    private static HttpTransportFactory transport(final HttpProxy proxy) {
        if (proxy == null) {
            return NetHttpTransport::new;
        }
        return () -> new NetHttpTransport.Builder().setProxy(proxy.toJavaProxy()).build();
    }

    private static String safeType(final String type) {
        return type.matches("[a-z_]{1,40}") ? type : "(unrecognized)";
    }
}
