package dev.tocsin.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One secret under one {@link SignatureScheme}: signs for the destination and recomputes for the verifier, so the
 * two cannot drift apart. It holds the key; nothing it says (its {@code toString}, its errors) shows any of it.
 * Immutable and thread-safe.
 */
final class Signer {
    static final String SECRET_PREFIX = "whsec_";
    /** Standard Webhooks asks for at least 192 bits. */
    static final int MIN_KEY_BYTES = 24;
    private static final String HMAC = "HmacSHA256";

    private final SignatureScheme scheme;
    private final SecretKeySpec key;

    private Signer(SignatureScheme scheme, byte[] key) {
        this.scheme = scheme;
        this.key = new SecretKeySpec(key, HMAC);
    }

    /**
     * @param setting the setting's name, for error messages
     * @throws IllegalArgumentException naming the setting and the expected shape, never the value
     */
    static Signer of(SignatureScheme scheme, String secret, String setting) {
        if (scheme == null) {
            throw new IllegalArgumentException("tocsin: the signature scheme of " + setting + " is required");
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("tocsin: " + setting + " is empty");
        }
        if (scheme == SignatureScheme.HUB_SIGNATURE_256) {
            return new Signer(scheme, secret.getBytes(StandardCharsets.UTF_8));
        }
        String shape = "tocsin: " + setting + " must be a Standard Webhooks secret, whsec_ followed by the base64 of "
                + MIN_KEY_BYTES + " to 64 random bytes (for a plain shared secret, use SignatureScheme."
                + SignatureScheme.HUB_SIGNATURE_256 + ")";
        String s = secret.strip(); // a secret read from a file often ends in a line break
        if (!s.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException(shape + "; it does not start with whsec_");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(s.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character of the secret: never passed on.
            throw new IllegalArgumentException(shape + "; the part after whsec_ is not base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(shape + "; it holds " + key.length + " bytes");
        }
        return new Signer(scheme, key);
    }

    SignatureScheme scheme() {
        return scheme;
    }

    /** The {@code webhook-signature} value: {@code v1,<base64>} of {@code <id>.<timestamp>.<body>}. */
    String standard(String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(standardMac(id, timestamp, body));
    }

    byte[] standardMac(String id, long timestamp, byte[] body) {
        Mac mac = mac();
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return mac.doFinal(body);
    }

    /** The {@code X-Hub-Signature-256} value: {@code sha256=<hex>} of the body. */
    String hub(byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hubMac(body));
    }

    byte[] hubMac(byte[] body) {
        return mac().doFinal(body);
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Signer[" + scheme + "]";
    }
}
