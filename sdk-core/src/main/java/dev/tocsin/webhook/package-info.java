/**
 * Plain JSON webhooks and Slack incoming webhooks.
 *
 * <p>{@link dev.tocsin.webhook.WebhookDestination} sends; it signs as Standard Webhooks says (id, timestamp and
 * body under a {@code whsec_} secret) or, as an option, GitHub's way ({@code X-Hub-Signature-256}, the body
 * alone). {@link dev.tocsin.webhook.WebhookVerifier} is for the receiving side: it checks either scheme, with a
 * tolerance window against replays, in constant time. {@link dev.tocsin.webhook.SignatureScheme} names the two.
 * The rest is package-private: {@code Signer} (one secret, both directions, so sender and verifier cannot
 * disagree), {@code WebhookPayloads} (the JSON body and what a stored one says) and {@code TriggerMemory} (a
 * trigger's fields, for its acknowledge and resolve).
 */
package dev.tocsin.webhook;
