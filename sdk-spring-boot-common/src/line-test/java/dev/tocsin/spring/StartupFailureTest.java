package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.spring.failing.FailingApplication;
import dev.tocsin.testing.InboxFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    @RegisterExtension
    final InboxFixture api = new InboxFixture();

    private SpringApplicationBuilder app(Class<?> source, String name) {
        return new SpringApplicationBuilder(source)
                .properties("spring.application.name=" + name, "spring.main.web-application-type=none",
                        "tocsin.pagerduty.routing-key=" + TocsinAutoConfigurationTest.KEY,
                        "tocsin.pagerduty.endpoint=" + api.endpoint(),
                        "tocsin.heartbeat.url=" + api.baseUrl() + "/ping/" + name, "tocsin.deploy.enabled=false");
    }

    private List<JsonNode> alerts() {
        return api.requests(InboxFixture.ALERTS_PATH).stream().map(r -> {
            PagerDutyContract.assertValid(r.path(), r.body());
            return r.json();
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
        assertThat(api.requests("/ping/payments/fail")).hasSize(1);
    }

    @Test
    void aBeanThatFailsAfterTheContextsClientTookOverPages() {
        assertThatThrownBy(() -> app(LedgerApplication.class, "ledger").run())
                .hasRootCauseMessage("ledger database is read-only");

        pagedOnce("Application ledger failed to start: java.lang.IllegalStateException: ledger database is read-only",
                "Error creating bean with name 'ledger'");
        assertThat(api.requests("/ping/ledger/fail")).hasSize(1);
        assertThat(EarlyPaging.STATES).isEmpty();
    }

    @Test
    void aRunnerThatFailsAfterTheContextStartedPagesOnceThroughTheContextsClient() {
        assertThatThrownBy(() -> app(ReplayApplication.class, "replay").run())
                .hasRootCauseMessage("journal segment 7 is truncated");

        pagedOnce("Application replay failed to start: java.io.IOException: journal segment 7 is truncated",
                "IllegalStateException: journal replay failed");
        assertThat(api.requests("/ping/replay/fail")).hasSize(1);
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
