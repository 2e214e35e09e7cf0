package dev.tocsin.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One change event the inbox took (a deploy, a configuration change). Immutable.
 *
 * @param routingKey the routing key it was sent with; {@link #toString()} shows only its last four characters
 * @param summary its summary
 * @param source its source, or {@code null}
 * @param timestamp its timestamp as sent, or {@code null}
 * @param details its {@code custom_details}, or an empty object
 * @param links its links
 * @param receivedAt when it arrived, by the inbox's clock
 * @param body the request's body as sent
 */
public record Change(String routingKey, String summary, String source, String timestamp, JsonNode details,
        List<Incident.Link> links, Instant receivedAt, JsonNode body) {
    @Override
    public String toString() {
        return receivedAt + " change \"" + summary + "\" routing key …" + Secrets.tail(routingKey);
    }
}
