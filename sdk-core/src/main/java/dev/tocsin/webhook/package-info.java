/** Plain JSON webhooks (optionally HMAC-signed) and Slack incoming webhooks. */
package dev.tocsin.webhook;
