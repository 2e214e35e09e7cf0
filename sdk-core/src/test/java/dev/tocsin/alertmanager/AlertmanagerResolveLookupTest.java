package dev.tocsin.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.Tocsin;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.testkit.Answer;
import dev.tocsin.testkit.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A resolve from a client that did not send the trigger (a restart, without or with the spool) ends the alert the
 * peers hold, in the trigger's label set, which it asks them for by dedup key, service and static labels.
 */
class AlertmanagerResolveLookupTest {
    /** What a previous run triggered, still firing (no {@code endsAt}: the peer keeps it for its resolve timeout). */
    private static final String HELD = """
            [{"labels":{"alertname":"DatabaseDown","dedup_key":"db-down","severity":"critical","service":"orders",
              "component":"postgres","team":"payments","env":"prod"},
              "annotations":{"summary":"Database connections exhausted"},
              "startsAt":"2026-03-01T09:00:00.000Z",
              "generatorURL":"https://orders.example.com/"}]
            """;

    @RegisterExtension
    final FakePeers peers = new FakePeers();

    private Tocsin client() {
        return peers.register(Tocsin.builder().destination(AlertmanagerDestination.builder()
                        .peers(peers.url(0), peers.url(1)).label("env", "prod").label("team", "platform")
                        .detailLabels("team").build())
                .source("orders").backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .rateLimit(10_000, Duration.ofSeconds(1)).build());
    }

    private static DeliveryResult outcome(java.util.concurrent.CompletionStage<DeliveryResult> stage) throws Exception {
        return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    @Test
    void aNewClientsResolveEndsTheHeldAlertInItsTriggersLabels() throws Exception {
        peers.hold(0, HELD);
        Instant before = Instant.now();
        assertThat(outcome(client().resolve("db-down")).delivered()).isTrue();

        assertThat(peers.lookups(0)).hasSize(1);
        assertThat(peers.lookups(0).get(0)).as("by dedup key, service and the static labels no detail overrides")
                .containsExactlyInAnyOrder("dedup_key=\"db-down\"", "service=\"orders\"", "env=\"prod\"");
        List<JsonNode> body = new java.util.ArrayList<>();
        peers.bodies(0).get(0).forEach(body::add);
        JsonNode held = FakePeers.read(HELD.getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(0);
        JsonNode resolve = body.stream().filter(a -> a.path("labels").equals(held.path("labels"))).findFirst()
                .orElseThrow(() -> new AssertionError("no resolve in the held label set: " + body));
        assertThat(resolve.path("startsAt")).isEqualTo(resolve.path("endsAt"));
        assertThat(Instant.parse(resolve.path("endsAt").asText())).isBetween(before, Instant.now());
        assertThat(resolve.path("annotations").path("summary").asText()).isEqualTo("Database connections exhausted");
        assertThat(resolve.path("generatorURL").asText()).isEqualTo("https://orders.example.com/");

        // The other peer holds nothing: it gets the resolve in the labels the client knows, which ends nothing.
        assertThat(peers.bodies(1).get(0)).hasSize(1);
        assertThat(peers.sent(1).get(0).path("labels").path("dedup_key").asText()).isEqualTo("db-down");
    }

    @Test
    void whenThePeerCannotSayTheResolveGoesOutInTheLabelsItKnows() throws Exception {
        peers.peer(0).answer(Endpoint.ALERTMANAGER_LOOKUP, Answer.status(500));
        assertThat(outcome(client().resolve("db-down")).delivered()).isTrue();

        JsonNode resolve = peers.sent(0).get(0);
        assertThat(peers.bodies(0).get(0)).hasSize(1);
        assertThat(resolve.path("labels").path("dedup_key").asText()).isEqualTo("db-down");
        assertThat(resolve.path("labels").path("service").asText()).isEqualTo("orders");
        assertThat(resolve.path("startsAt")).isEqualTo(resolve.path("endsAt"));
    }

    @Test
    void matcherValuesAreQuotedAsAlertmanagerParsesThem() {
        assertThat(ActiveAlerts.quote("a\"b\\c")).isEqualTo("a\\\"b\\\\c");
        assertThat(ActiveAlerts.query(java.net.URI.create("http://127.0.0.1:9093/api/v2/alerts"),
                Map.of("dedup_key", "x y")).toString())
                .isEqualTo("http://127.0.0.1:9093/api/v2/alerts?filter=dedup_key%3D%22x+y%22");
    }
}
