package dev.tocsin.alertmanager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Alertmanager client contract against two fake peers; payloads checked against the published API. */
class AlertmanagerDestinationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMockServer[] peers = new WireMockServer[2];
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final List<Tocsin> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        for (int i = 0; i < 2; i++) {
            peers[i] = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            peers[i].start();
            peers[i].stubFor(post(urlPathEqualTo("/api/v2/alerts")).willReturn(aResponse().withStatus(200)));
        }
    }

    @AfterEach
    void stop() {
        clients.forEach(Tocsin::close);
        for (WireMockServer peer : peers) {
            for (var r : peer.findAll(postRequestedFor(urlPathEqualTo("/api/v2/alerts")))) {
                AlertmanagerContract.assertValid(read(r.getBody()));
            }
            peer.stop();
        }
    }

    private Tocsin client(AlertmanagerDestination.Builder destination) {
        Tocsin t = Tocsin.builder().destination(destination.peers(peers[0].baseUrl(), peers[1].baseUrl()).build())
                .clock(clock).source("orders-host").backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .rateLimit(10_000, Duration.ofSeconds(1)).build();
        clients.add(t);
        return t;
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<JsonNode> sent(int peer) {
        return peers[peer].findAll(postRequestedFor(urlPathEqualTo("/api/v2/alerts"))).stream()
                .map(r -> read(r.getBody()).get(0)).toList();
    }

    @Test
    void everyPeerGetsEveryAlertWithLabelsAndAnnotations() throws Exception {
        Tocsin tocsin = client(AlertmanagerDestination.builder().generatorUrl("https://orders.example.com"));
        DeliveryResult r = tocsin.trigger(Alert.trigger("Queue backlog\nabove 10k").dedupKey("queue")
                .severity(Severity.WARNING).component("kafka").type("QueueBacklog").detail("lag", 12000)
                .link("https://runbooks.example.com/queue", "Runbook").timestamp(clock.instant()).build())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(r.delivered()).isTrue();
        for (int peer = 0; peer < 2; peer++) {
            JsonNode alert = sent(peer).get(0);
            assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("QueueBacklog");
            assertThat(alert.path("labels").path("dedup_key").asText()).isEqualTo("queue");
            assertThat(alert.path("labels").path("severity").asText()).isEqualTo("warning");
            assertThat(alert.path("labels").path("service").asText()).isEqualTo("orders-host");
            assertThat(alert.path("labels").path("component").asText()).isEqualTo("kafka");
            assertThat(alert.path("annotations").path("summary").asText()).isEqualTo("Queue backlog above 10k");
            assertThat(alert.path("annotations").path("description").asText()).contains("lag: 12000");
            assertThat(alert.path("annotations").path("runbook_url").asText())
                    .isEqualTo("https://runbooks.example.com/queue");
            assertThat(alert.path("generatorURL").asText()).isEqualTo("https://orders.example.com");
            assertThat(Instant.parse(alert.path("endsAt").asText())).isEqualTo(clock.instant().plusSeconds(240));
        }
    }

    @Test
    void firingAlertsAreResentEveryIntervalAndResolvesForFiveMinutesWithTheTriggersLabels() {
        Tocsin tocsin = client(AlertmanagerDestination.builder());
        tocsin.trigger(Alert.trigger("disk full").dedupKey("disk").severity(Severity.CRITICAL).component("db")
                .build());
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(0).size() == 1 && sent(1).size() == 1);
        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(0).size() == 2 && sent(1).size() == 2);
        assertThat(Instant.parse(sent(0).get(1).path("endsAt").asText())).isEqualTo(clock.instant().plusSeconds(240));

        Instant resolvedAt = clock.instant();
        tocsin.resolve("disk");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            clock.advance(Duration.ofMillis(10)); // the rate limiter counts on the client's clock too
            return sent(0).size() == 3;
        });
        JsonNode resolve = sent(0).get(2);
        assertThat(resolve.path("labels")).isEqualTo(sent(0).get(0).path("labels"));
        assertThat(Instant.parse(resolve.path("endsAt").asText())).isBetween(resolvedAt, clock.instant());

        for (int minute = 1; minute <= 4; minute++) {
            clock.advance(Duration.ofSeconds(61));
            int expected = 3 + minute;
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                clock.advance(Duration.ofMillis(10)); // a resolve waits for its look-up on the client's clock
                return sent(0).size() == expected;
            });
        }
        assertThat(sent(0).get(6).path("labels")).isEqualTo(sent(0).get(0).path("labels"));
        clock.advance(Duration.ofSeconds(121)); // past five minutes: resolves stop
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> sent(0).size() == 7);
    }

    @Test
    void acknowledgementsAndChangeEventsAreNotSent() throws Exception {
        Tocsin tocsin = client(AlertmanagerDestination.builder());
        assertThat(tocsin.acknowledge("disk").toCompletableFuture().get(10, TimeUnit.SECONDS).delivered()).isTrue();
        assertThat(tocsin.change(ChangeEvent.of("deploy")).toCompletableFuture().get(10, TimeUnit.SECONDS)
                .delivered()).isTrue();
        assertThat(sent(0)).isEmpty();
    }

    @Test
    void aDeadPeerNeitherBlocksNorLosesDeliveriesToTheOther() {
        int port = peers[1].port();
        Tocsin tocsin = Tocsin.builder().destination(AlertmanagerDestination.builder()
                        .peers(peers[0].baseUrl(), peers[1].baseUrl()).build())
                .backoff(Duration.ofMillis(5), Duration.ofMillis(50)).rateLimit(10_000, Duration.ofSeconds(1))
                .circuitBreaker(io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                        .waitDurationInOpenState(Duration.ofMillis(200)).build())
                .build();
        clients.add(tocsin);
        peers[1].stop();
        for (int i = 0; i < 5; i++) {
            tocsin.trigger(Alert.trigger("failure " + i).dedupKey("k" + i).build());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(0).size() == 5);
        peers[1] = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
        peers[1].start();
        peers[1].stubFor(post(urlPathEqualTo("/api/v2/alerts")).willReturn(aResponse().withStatus(200)));
        await().atMost(Duration.ofSeconds(20)).until(() -> sent(1).size() >= 5);
        assertThat(sent(1).stream().map(a -> a.path("labels").path("dedup_key").asText()).distinct())
                .containsExactly("k0", "k1", "k2", "k3", "k4");
    }

    @Test
    void aRefusedAlertIsNotRetriedAndTheOthersGoOn() throws Exception {
        peers[0].stubFor(post(urlPathEqualTo("/api/v2/alerts")).willReturn(aResponse().withStatus(400)
                .withBody("\"end time must not be before start time\"")));
        Tocsin tocsin = client(AlertmanagerDestination.builder());
        DeliveryResult r = tocsin.trigger(Alert.trigger("x").dedupKey("x").build()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(DeliveryResult.Status.REJECTED);
        assertThat(r.detail()).contains("end time must not be before start time");
        assertThat(sent(0)).hasSize(1);
        assertThat(sent(1)).hasSize(1);
    }

    @Test
    void theWatchdogKeepsFiring() {
        client(AlertmanagerDestination.builder().watchdog(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(0).size() == 1 && sent(1).size() == 1);
        assertThat(sent(0).get(0).path("labels").path("alertname").asText()).isEqualTo("Watchdog");
        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(0).size() == 2);
        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(0).size() == 3);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> AlertmanagerDestination.builder().build())
                .hasMessageContaining("alertmanager.peers");
        assertThatThrownBy(() -> AlertmanagerDestination.builder().peers("http://am.example.com:9093").build())
                .hasMessageContaining("alertmanager.peers").hasMessageContaining("https");
    }
}
