package dev.tocsin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tocsin.pagerduty.PagerDutyDestination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fake Events API on 127.0.0.1 per test, with fast retry settings. After each test, every request the
 * client sent is checked against PagerDuty's contract.
 */
public abstract class PagerDutyWireMockTest {
    public static final String ROUTING_KEY = "R0ut1ngKeyForTestsOnly0000000abc";
    public static final String ENQUEUE = "/v2/enqueue";

    public WireMockServer server;
    private final List<Tocsin> clients = new ArrayList<>();
    private LogCapture logs;

    @BeforeEach
    public void startServer() {
        logs = new LogCapture();
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(20)
                .asynchronousResponseEnabled(true));
        server.start();
        server.stubFor(post(urlPathEqualTo(ENQUEUE)).willReturn(accepted()));
        server.stubFor(post(urlPathEqualTo("/v2/change/enqueue")).willReturn(accepted()));
    }

    @AfterEach
    public void checkContractAndStop() {
        try {
            clients.forEach(Tocsin::close);
            logs.close();
            // Whatever happened in the test, the routing key never reached a log line.
            org.assertj.core.api.Assertions.assertThat(logs.lines()).noneMatch(l -> l.contains(ROUTING_KEY));
            for (LoggedRequest r : server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                    .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()))) {
                PagerDutyContract.assertValid(r.getUrl(), r.getBody());
            }
        } finally {
            server.stop();
        }
    }

    public static ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}");
    }

    public PagerDutyDestination destination() {
        return PagerDutyDestination.builder().routingKey(ROUTING_KEY).endpoint(server.baseUrl() + ENQUEUE).build();
    }

    /** A builder with fast timings, aimed at this test's server. */
    public Tocsin.Builder fast() {
        return Tocsin.builder()
                .destination(destination())
                .source("test-host")
                .connectTimeout(Duration.ofMillis(500))
                .requestTimeout(Duration.ofMillis(500))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(50))
                .throttleBackoff(Duration.ofMillis(20))
                .rateLimit(10_000, Duration.ofSeconds(1))
                .circuitBreaker(io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                        .waitDurationInOpenState(Duration.ofMillis(200)).build())
                .shutdownTimeout(Duration.ofSeconds(2));
    }

    public Tocsin track(Tocsin client) {
        clients.add(client);
        return client;
    }

    public Tocsin client() {
        return track(fast().build());
    }

    /** The bodies of the alert requests received so far, in arrival order. */
    public List<JsonNode> alertBodies() {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlPathEqualTo(ENQUEUE)))) {
            out.add(PagerDutyContract.read(r.getBody()));
        }
        return out;
    }

    public int alertRequests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlPathEqualTo(ENQUEUE))).size();
    }
}
