package dev.tocsin.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.spring.failing.FailingApplication;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A failed startup pages once, as a critical alert whose summary is the root cause (what a responder needs first);
 * the wrapping exceptions stay in the details. Before the context's client exists, the early client pages; after,
 * the context's client, or one made for the page when the context is gone.
 */
class StartupFailureTest {
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private SpringApplicationBuilder app(Class<?> source, String name) {
        return new SpringApplicationBuilder(source)
                .properties("spring.application.name=" + name, "spring.main.web-application-type=none",
                        "tocsin.pagerduty.routing-key=" + TocsinAutoConfigurationTest.KEY,
                        "tocsin.pagerduty.endpoint=" + server.baseUrl() + "/v2/enqueue",
                        "tocsin.heartbeat.url=" + server.baseUrl() + "/ping/" + name, "tocsin.deploy.enabled=false");
    }

    private List<JsonNode> alerts() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/v2/enqueue"))).stream().map(r -> {
            PagerDutyContract.assertValid(r.getUrl(), r.getBody());
            return PagerDutyContract.read(r.getBody());
        }).toList();
    }

    /** The one page, with the root cause as its summary and the wrapper in its details. */
    private void pagedOnce(String summary, String wrapper) {
        List<JsonNode> alerts = alerts();
        assertThat(alerts).hasSize(1); // not again for Spring Boot's "Application run failed" line
        JsonNode payload = alerts.get(0).path("payload");
        assertThat(payload.path("severity").asText()).isEqualTo("critical");
        assertThat(payload.path("summary").asText()).isEqualTo(summary);
        assertThat(payload.path("custom_details").path("exception").asText()).contains(wrapper);
    }

    @Test
    void aBeanThatFailsDuringStartupPagesWithTheRootCauseAndTheHeartbeatHearsOfIt() {
        assertThatThrownBy(() -> app(FailingApplication.class, "payments").run())
                .hasRootCauseMessage("payment gateway URL is not configured");

        pagedOnce("Application payments failed to start: java.lang.IllegalStateException: payment gateway URL is not "
                + "configured", "BeanCreationException: Error creating bean with name 'paymentGateway'");
        assertThat(alerts().get(0).path("payload").path("custom_details").path("stack_trace").asText())
                .contains("payment gateway URL is not configured");
        server.verify(1, getRequestedFor(urlEqualTo("/ping/payments/fail")));
    }

    @Test
    void aBeanThatFailsAfterTheContextsClientTookOverPages() {
        assertThatThrownBy(() -> app(LedgerApplication.class, "ledger").run())
                .hasRootCauseMessage("ledger database is read-only");

        pagedOnce("Application ledger failed to start: java.lang.IllegalStateException: ledger database is read-only",
                "Error creating bean with name 'ledger'");
        server.verify(1, getRequestedFor(urlEqualTo("/ping/ledger/fail")));
        assertThat(EarlyPaging.STATES).isEmpty();
    }

    @Test
    void aRunnerThatFailsAfterTheContextStartedPagesOnceThroughTheContextsClient() {
        assertThatThrownBy(() -> app(ReplayApplication.class, "replay").run())
                .hasRootCauseMessage("journal segment 7 is truncated");

        pagedOnce("Application replay failed to start: java.io.IOException: journal segment 7 is truncated",
                "IllegalStateException: journal replay failed");
        server.verify(1, getRequestedFor(urlEqualTo("/ping/replay/fail")));
    }

    /** Its bean fails once the context's client exists (it needs it). */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class LedgerApplication {
        @Bean
        Object ledger(Tocsin tocsin) {
            throw new IllegalStateException("ledger database is read-only");
        }
    }

    /** Its runner fails after the context has started. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ReplayApplication {
        @Bean
        ApplicationRunner replay() {
            return args -> {
                throw new IllegalStateException("journal replay failed",
                        new java.io.IOException("journal segment 7 is truncated"));
            };
        }
    }
}
