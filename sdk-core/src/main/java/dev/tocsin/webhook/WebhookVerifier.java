package dev.tocsin.webhook;

import dev.tocsin.webhook.WebhookVerificationException.Reason;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks, on the receiving side, that a webhook request is genuine: signed under the shared secret and, with
 * {@link SignatureScheme#STANDARD_WEBHOOKS}, sent within the tolerance of now (default 5 minutes either way), so that a captured request cannot be played back
 * later. It checks requests of any Standard Webhooks sender, not only Tocsin's.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of(System.getenv("TOCSIN_WEBHOOK_SECRET")); // whsec_…
 * try {
 *     verifier.verify(rawBody, request::getHeader);  // the body exactly as received, never re-serialised
 * } catch (WebhookVerificationException e) {
 *     return 401;
 * }
 * // webhook-id identifies the message: a receiver that stores the ids it has processed (for longer than the
 * // tolerance) acts on a retried or replayed message once only.
 * }</pre>
 *
 * <p>Signatures are compared in constant time. Of several space-separated signatures (a sender rotating its
 * secret), one match suffices; entries of other versions ({@code v1a}) are skipped. Neither the secret nor the
 * expected signature ever appears in a message or in {@code toString}. Immutable and thread-safe.
 */
public final class WebhookVerifier {
    /** How far {@code webhook-timestamp} may be from now, either way, by default: 5 minutes. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final Signer signer;
    private final Duration tolerance;
    private final Clock clock;

    private WebhookVerifier(Signer signer, Duration tolerance, Clock clock) {
        this.signer = signer;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * A verifier of Standard Webhooks signatures under a {@code whsec_} secret.
     *
     * @throws IllegalArgumentException if the secret is not {@code whsec_} and the base64 of at least 24 bytes
     */
    public static WebhookVerifier of(String secret) {
        return of(SignatureScheme.STANDARD_WEBHOOKS, secret);
    }

    /**
     * A verifier of the given scheme: a {@code whsec_} secret for Standard Webhooks, any non-empty text (its UTF-8
     * bytes are the key) for {@link SignatureScheme#HUB_SIGNATURE_256}.
     *
     * @throws IllegalArgumentException if the secret does not fit the scheme; the message never shows it
     */
    public static WebhookVerifier of(SignatureScheme scheme, String secret) {
        return new WebhookVerifier(Signer.of(scheme, secret, "the webhook secret"), DEFAULT_TOLERANCE,
                Clock.systemUTC());
    }

    /** The same verifier with another tolerance; not used by {@link SignatureScheme#HUB_SIGNATURE_256}. */
    public WebhookVerifier withTolerance(Duration tolerance) {
        if (tolerance == null || tolerance.isNegative()) {
            throw new IllegalArgumentException("tocsin: the webhook tolerance must be zero or positive");
        }
        return new WebhookVerifier(signer, tolerance, clock);
    }

    /** The same verifier reading now from another clock, for tests. */
    public WebhookVerifier withClock(Clock clock) {
        return new WebhookVerifier(signer, tolerance, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Verifies a request whose headers are a map of names to values, as {@code java.net.http.HttpHeaders.map()},
     * Spring's {@code HttpHeaders} or JAX-RS's {@code MultivaluedMap} give them; names match in any case.
     *
     * @param body the raw request body, exactly as received
     * @throws WebhookVerificationException if the request is not genuine, or is outside the tolerance
     */
    public void verify(byte[] body, Map<String, ? extends Collection<String>> headers)
            throws WebhookVerificationException {
        Objects.requireNonNull(headers, "headers");
        verify(body, name -> first(headers, name));
    }

    /**
     * Verifies a request whose headers are read one by one, as {@code request::getHeader} of a servlet request.
     *
     * @param body the raw request body, exactly as received
     * @param header the value of a header by name, {@code null} if absent; it should match names in any case
     * @throws WebhookVerificationException if the request is not genuine, or is outside the tolerance
     */
    public void verify(byte[] body, Function<String, String> header) throws WebhookVerificationException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(header, "header");
        if (signer.scheme() == SignatureScheme.HUB_SIGNATURE_256) {
            verifyHub(body, required(header, WebhookDestination.HUB_SIGNATURE_HEADER));
            return;
        }
        String id = required(header, WebhookDestination.ID_HEADER);
        String timestamp = required(header, WebhookDestination.TIMESTAMP_HEADER);
        String signatures = required(header, WebhookDestination.SIGNATURE_HEADER);
        long sent = withinTolerance(timestamp);
        byte[] expected = signer.standardMac(id, sent, body);
        for (String entry : signatures.trim().split(" +")) {
            if (entry.startsWith("v1,") && MessageDigest.isEqual(expected, base64(entry.substring(3)))) {
                return;
            }
        }
        throw new WebhookVerificationException(Reason.NO_MATCHING_SIGNATURE,
                "no v1 signature in " + WebhookDestination.SIGNATURE_HEADER + " matches the request");
    }

    private void verifyHub(byte[] body, String signature) throws WebhookVerificationException {
        String value = signature.trim();
        if (!value.startsWith("sha256=") || !MessageDigest.isEqual(signer.hubMac(body), hex(value.substring(7)))) {
            throw new WebhookVerificationException(Reason.NO_MATCHING_SIGNATURE,
                    WebhookDestination.HUB_SIGNATURE_HEADER + " does not match the request");
        }
    }

    /** The timestamp in seconds, if it is within the tolerance of now. */
    private long withinTolerance(String timestamp) throws WebhookVerificationException {
        String t = timestamp.trim();
        if (!t.matches("[0-9]{1,12}")) {
            throw new WebhookVerificationException(Reason.MALFORMED_TIMESTAMP,
                    WebhookDestination.TIMESTAMP_HEADER + " is not a number of seconds since 1970");
        }
        long sent = Long.parseLong(t);
        long now = clock.instant().getEpochSecond();
        long limit = tolerance.getSeconds();
        if (sent < now - limit) {
            throw new WebhookVerificationException(Reason.TIMESTAMP_TOO_OLD, WebhookDestination.TIMESTAMP_HEADER
                    + " is " + (now - sent) + " s in the past, more than the tolerance of " + limit + " s");
        }
        if (sent > now + limit) {
            throw new WebhookVerificationException(Reason.TIMESTAMP_TOO_NEW, WebhookDestination.TIMESTAMP_HEADER
                    + " is " + (sent - now) + " s in the future, more than the tolerance of " + limit + " s");
        }
        return sent;
    }

    private static String required(Function<String, String> header, String name)
            throws WebhookVerificationException {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw new WebhookVerificationException(Reason.MISSING_HEADER, "the request has no " + name + " header");
        }
        return value;
    }

    private static String first(Map<String, ? extends Collection<String>> headers, String name) {
        Collection<String> values = headers.get(name);
        if (values == null) {
            for (Map.Entry<String, ? extends Collection<String>> e : headers.entrySet()) {
                if (name.equalsIgnoreCase(e.getKey())) {
                    values = e.getValue();
                    break;
                }
            }
        }
        return values == null || values.isEmpty() ? null : values.iterator().next();
    }

    /** The decoded signature, or nothing that could match. */
    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] hex(String text) {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    @Override
    public String toString() {
        return "WebhookVerifier[" + signer.scheme() + ", tolerance " + tolerance + "]";
    }
}
