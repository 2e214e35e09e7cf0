package dev.tocsin.webhook;

/**
 * A request that {@link WebhookVerifier} does not accept as genuine; answer it with 401 and do not act on it.
 * The message says what failed, never the secret or the signature that was expected.
 */
public final class WebhookVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a request was not accepted. */
    public enum Reason {
        /** A header the scheme needs is missing or empty. */
        MISSING_HEADER,
        /** {@code webhook-timestamp} is not a whole number of seconds. */
        MALFORMED_TIMESTAMP,
        /** {@code webhook-timestamp} is further in the past than the tolerance: possibly a replay. */
        TIMESTAMP_TOO_OLD,
        /** {@code webhook-timestamp} is further in the future than the tolerance. */
        TIMESTAMP_TOO_NEW,
        /** No signature in the header matches the body (and id and timestamp) under the secret. */
        NO_MATCHING_SIGNATURE
    }

    private final Reason reason;

    WebhookVerificationException(Reason reason, String message) {
        super(message, null, false, false); // no stack trace: a refusal is an answer, not a bug
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
