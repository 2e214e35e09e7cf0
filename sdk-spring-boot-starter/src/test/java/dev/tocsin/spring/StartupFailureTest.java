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
import dev.tocsin.spring.failing.FailingApplication;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A bean that fails during startup still pages: the appender is attached before the context starts. */
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

    @Test
    void aBeanThatFailsDuringStartupPagesAndTheHeartbeatHearsOfIt() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FailingApplication.class)
                .properties("spring.application.name=payments", "spring.main.web-application-type=none",
                        "tocsin.pagerduty.routing-key=" + TocsinAutoConfigurationTest.KEY,
                        "tocsin.pagerduty.endpoint=" + server.baseUrl() + "/v2/enqueue",
                        "tocsin.heartbeat.url=" + server.baseUrl() + "/ping/payments")
                .run()).hasRootCauseMessage("payment gateway URL is not configured");

        List<JsonNode> alerts = server.findAll(postRequestedFor(urlPathEqualTo("/v2/enqueue"))).stream().map(r -> {
            PagerDutyContract.assertValid(r.getUrl(), r.getBody());
            return PagerDutyContract.read(r.getBody());
        }).toList();
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.path("payload").path("severity").asText()).isEqualTo("critical");
            assertThat(a.path("payload").path("summary").asText()).contains("payments failed to start");
            assertThat(a.path("payload").path("custom_details").path("stack_trace").asText())
                    .contains("payment gateway URL is not configured");
        });
        server.verify(1, getRequestedFor(urlEqualTo("/ping/payments/fail")));
    }
}
