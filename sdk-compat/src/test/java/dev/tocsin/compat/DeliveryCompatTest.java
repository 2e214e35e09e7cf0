package dev.tocsin.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real delivery: the payload is built with the Jackson on the class path and sent over HTTP to 127.0.0.1. */
class DeliveryCompatTest {
    @RegisterExtension
    final LocalReceiver receiver = new LocalReceiver();

    @Test
    void anAlertWithDetailsLinksAndAnExceptionIsDeliveredThenResolved() throws Exception {
        Tocsin tocsin = receiver.track(receiver.client().build());
        Alert alert = Alert.trigger("disk full on /var").dedupKey("disk-var").severity(Severity.CRITICAL)
                .component("storage").detail("free", 0).detail("mounts", List.of("/", "/var"))
                .detail("host", Map.of("zone", "a")).link("https://runbooks.example.com/disk", "runbook").build();

        DeliveryResult sent = tocsin.trigger(alert, new IllegalStateException("no space left on device"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        DeliveryResult resolved = tocsin.resolve("disk-var").toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(sent.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
        assertThat(resolved.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
        List<JsonNode> bodies = receiver.bodies();
        assertThat(bodies).extracting(b -> b.path("event_action").asText()).containsExactly("trigger", "resolve");
        JsonNode trigger = bodies.get(0);
        assertThat(LocalReceiver.ROUTING_KEY.equals(trigger.path("routing_key").asText()))
                .as("the routing key is sent (not printed)").isTrue();
        assertThat(trigger.path("dedup_key").asText()).isEqualTo("disk-var");
        JsonNode payload = trigger.path("payload");
        assertThat(payload.path("summary").asText()).isEqualTo("disk full on /var");
        assertThat(payload.path("severity").asText()).isEqualTo("critical");
        assertThat(payload.path("source").asText()).isEqualTo("compat-host");
        assertThat(payload.path("component").asText()).isEqualTo("storage");
        assertThat(payload.path("custom_details").path("mounts").size()).isEqualTo(2);
        assertThat(payload.path("custom_details").toString()).contains("no space left on device");
        assertThat(trigger.path("links").get(0).path("href").asText()).isEqualTo("https://runbooks.example.com/disk");
        assertThat(tocsin.stats().internalErrors()).as("nothing failed inside the SDK").isZero();
    }

    @Test
    void aRefusalIsReadAndNotRetried() throws Exception {
        receiver.answer(400);
        Tocsin tocsin = receiver.track(receiver.client().build());

        DeliveryResult refused = tocsin.trigger("bad event", Severity.ERROR).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(refused.status()).isEqualTo(DeliveryResult.Status.REJECTED);
        assertThat(refused.detail()).contains("HTTP 400");
        assertThat(receiver.requests()).isEqualTo(1);
        assertThat(tocsin.stats().internalErrors()).isZero();
    }
}
