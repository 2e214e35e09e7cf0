package dev.tocsin.webhook;

/**
 * How a {@link WebhookDestination} signs its requests, and how a {@link WebhookVerifier} checks them.
 *
 * <p>Both schemes sign with HMAC-SHA256. Only {@link #STANDARD_WEBHOOKS} signs the message id and the send time
 * along with the body, so only it lets a receiver refuse a captured request played back later.
 */
public enum SignatureScheme {

    /**
     * <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> 1.0, the default: the headers
     * {@code webhook-id}, {@code webhook-timestamp} (Unix seconds, made when the request is sent) and
     * {@code webhook-signature: v1,<base64>}, an HMAC-SHA256 of {@code <id>.<timestamp>.<body>}. The secret is
     * {@code whsec_} followed by the base64 of at least 24 random bytes, which are the HMAC key.
     */
    STANDARD_WEBHOOKS,

    /**
     * GitHub's body signature: {@code X-Hub-Signature-256: sha256=<hex>}, an HMAC-SHA256 of the body alone under
     * the secret's UTF-8 bytes. It carries no time, so a captured request stays valid for ever; use it only for
     * receivers that know no other scheme.
     */
    HUB_SIGNATURE_256
}
