package dev.tocsin.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledges and resolves reach a webhook with their trigger's severity, summary, component, group, class and
 * source, so that a receiver routing on those sends them where the trigger went; what the destination remembers
 * is bounded; and what a restart keeps of it.
 */
class WebhookTriggerFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private WebhookDestination webhook() {
        return WebhookDestination.builder().url(server.baseUrl() + "/hook").secret(WebhookDestinationTest.SECRET)
                .build();
    }

    private Tocsin.Builder client() {
        return Tocsin.builder().destination(webhook()).source("orders-host")
                .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).rateLimit(10_000, Duration.ofSeconds(1))
                .shutdownTimeout(Duration.ofSeconds(1));
    }

    private static Alert latency() {
        return Alert.trigger("p99 latency over 2 s").dedupKey("latency").severity(Severity.CRITICAL)
                .component("api").group("checkout").type("Latency").source("api-7").build();
    }

    private List<JsonNode> bodies() throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (LoggedRequest r : server.findAll(postRequestedFor(anyUrl()))) {
            WebhookVerifier.of(WebhookDestinationTest.SECRET).verify(r.getBody(), r::getHeader);
            out.add(JSON.readTree(r.getBody()));
        }
        return out;
    }

    private static void carriesTheTriggersFields(JsonNode n) {
        assertThat(n.path("severity").asText()).isEqualTo("critical");
        assertThat(n.path("summary").asText()).isEqualTo("p99 latency over 2 s");
        assertThat(n.path("component").asText()).isEqualTo("api");
        assertThat(n.path("group").asText()).isEqualTo("checkout");
        assertThat(n.path("class").asText()).isEqualTo("Latency");
        assertThat(n.path("source").asText()).isEqualTo("api-7");
    }

    @Test
    void acknowledgesAndResolvesCarryTheirTriggersFields() throws Exception {
        try (Tocsin tocsin = client().build()) {
            tocsin.trigger(latency());
            tocsin.acknowledge("latency");
            tocsin.resolve("latency");
            assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        }
        List<JsonNode> sent = bodies();
        assertThat(sent).extracting(n -> n.path("action").asText()).containsExactly("trigger", "acknowledge",
                "resolve");
        sent.forEach(WebhookTriggerFieldsTest::carriesTheTriggersFields);
        assertThat(sent.get(2).path("timestamp").asText()).as("its own time")
                .isNotEqualTo(sent.get(0).path("timestamp").asText());
    }

    @Test
    void anAcknowledgeOrResolveKeepsTheTextItHasOfItsOwn() throws Exception {
        try (Tocsin tocsin = client().build()) {
            tocsin.trigger(latency());
            tocsin.trigger(Alert.resolve("latency").summary("p99 back under 200 ms").build());
            assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        }
        JsonNode resolve = bodies().get(1);
        assertThat(resolve.path("summary").asText()).isEqualTo("p99 back under 200 ms");
        assertThat(resolve.path("severity").asText()).isEqualTo("critical");
        assertThat(resolve.path("component").asText()).isEqualTo("api");
    }

    @Test
    void theLatestTriggerOfAKeyIsTheOneRemembered() throws Exception {
        WebhookDestination hook = webhook();
        hook.encode(latency());
        hook.encode(Alert.trigger("p99 latency over 1 s").dedupKey("latency").severity(Severity.WARNING).build());
        JsonNode resolve = JSON.readTree(hook.encode(Alert.resolve("latency").build()).body());
        assertThat(resolve.path("severity").asText()).isEqualTo("warning");
        assertThat(resolve.path("summary").asText()).isEqualTo("p99 latency over 1 s");
    }

    @Test
    void theMemoryIsBoundedAndForgetsTheLeastRecentlyUsedKeyFirst() throws Exception {
        WebhookDestination hook = WebhookDestination.builder().url(server.baseUrl() + "/hook").rememberTriggers(2)
                .build();
        hook.encode(Alert.trigger("a").dedupKey("a").severity(Severity.CRITICAL).build());
        hook.encode(Alert.trigger("b").dedupKey("b").severity(Severity.CRITICAL).build());
        hook.encode(Alert.acknowledge("a").build()); // a is now the more recently used
        hook.encode(Alert.trigger("c").dedupKey("c").severity(Severity.CRITICAL).build());
        assertThat(severityOfResolve(hook, "b")).as("forgotten").isEqualTo("null");
        assertThat(severityOfResolve(hook, "a")).isEqualTo("critical");
        assertThat(severityOfResolve(hook, "c")).isEqualTo("critical");

        WebhookDestination none = WebhookDestination.builder().url(server.baseUrl() + "/hook").rememberTriggers(0)
                .build();
        none.encode(Alert.trigger("a").dedupKey("a").severity(Severity.CRITICAL).build());
        assertThat(severityOfResolve(none, "a")).isEqualTo("null");
    }

    private static String severityOfResolve(WebhookDestination hook, String key) throws Exception {
        return JSON.readTree(hook.encode(Alert.resolve(key).build()).body()).path("severity").asText();
    }

    @Test
    void theMemoryIsBoundedByCharactersToo() {
        TriggerMemory memory = new TriggerMemory(10_000, 10_000);
        String summary = "x".repeat(1000);
        for (int i = 0; i < 100; i++) {
            memory.remember("key-" + i, new TriggerMemory.Fields(summary, "host", Severity.ERROR, null, null, null));
        }
        assertThat(memory.size()).isEqualTo(9); // 9 × (64 + 6 + 1000 + 4) ≤ 10,000 characters
        assertThat(memory.recall("key-99")).isNotNull();
        assertThat(memory.recall("key-0")).isNull();
    }

    @Test
    void afterARestartTheTriggersTheSpoolReplaysAreKnownAgain() throws Exception {
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503)));
        try (Tocsin first = client().spool(dir).build()) {
            first.trigger(latency());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !server.findAll(postRequestedFor(anyUrl())).isEmpty());
        } // closed with the trigger undelivered: it stays in the spool
        server.resetAll();
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
        try (Tocsin second = client().spool(dir).build()) {
            second.resolve("latency");
            assertThat(second.flush(Duration.ofSeconds(10))).isTrue();
        }
        List<JsonNode> sent = bodies();
        assertThat(sent).extracting(n -> n.path("action").asText()).containsExactly("trigger", "resolve");
        carriesTheTriggersFields(sent.get(1));
    }

    /** Documented limit: the memory is not persisted, so a trigger delivered before a restart is forgotten. */
    @Test
    void afterARestartAResolveOfATriggerDeliveredBeforeCarriesOnlyItsOwnFields() throws Exception {
        try (Tocsin first = client().spool(dir).build()) {
            first.trigger(latency());
            assertThat(first.flush(Duration.ofSeconds(10))).isTrue();
        }
        try (Tocsin second = client().spool(dir).build()) {
            second.resolve("latency");
            assertThat(second.flush(Duration.ofSeconds(10))).isTrue();
        }
        JsonNode resolve = bodies().get(1);
        assertThat(resolve.path("action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo("latency");
        assertThat(resolve.path("severity").asText()).as("the client's default").isEqualTo("error");
        assertThat(resolve.path("component").isNull()).isTrue();
        assertThat(resolve.path("source").asText()).isEqualTo("orders-host");
    }
}
