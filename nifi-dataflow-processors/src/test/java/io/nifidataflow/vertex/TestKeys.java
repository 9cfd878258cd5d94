package io.nifidataflow.vertex;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Service account keys made for the test run: a real RSA key pair, never a key of a real account. */
final class TestKeys {

    static final String CLIENT_EMAIL = "scorer@test-project.iam.gserviceaccount.com";

    private static KeyPair keyPair;

    private TestKeys() {
    }

    static synchronized KeyPair keyPair() {
        if (keyPair == null) {
            try {
                final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keyPair = generator.generateKeyPair();
            } catch (final NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return keyPair;
    }

    static String privateKeyPem() {
        final String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keyPair().getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    static String serviceAccountJson() {
        return "{\n"
                + "  \"type\": \"service_account\",\n"
                + "  \"project_id\": \"test-project\",\n"
                + "  \"private_key_id\": \"0123456789abcdef\",\n"
                + "  \"private_key\": \"" + privateKeyPem().replace("\n", "\\n") + "\",\n"
                + "  \"client_email\": \"" + CLIENT_EMAIL + "\",\n"
                + "  \"client_id\": \"1234567890\",\n"
                + "  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n"
                + "}\n";
    }
}
