package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.spring.app.OrdersApplication;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One whole Spring Boot application with the starter of the line the tests run on, against a fake Events API and
 * heartbeat service.
 */
@SpringBootTest(classes = OrdersApplication.class, properties = {
    "spring.application.name=orders",
    "spring.main.web-application-type=none",
    "tocsin.pagerduty.routing-key=" + TocsinAutoConfigurationTest.KEY,
    "tocsin.health.interval=100ms",
    "tocsin.health.down-checks=2",
    "tocsin.health.up-checks=2",
    "tocsin.heartbeat.interval=200ms"})
class StarterApplicationTest {
    static final InboxFixture API = new InboxFixture().start();

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("tocsin.pagerduty.endpoint", API::endpoint);
        registry.add("tocsin.heartbeat.url", () -> API.baseUrl() + "/ping/orders");
    }

    @AfterAll
    static void stop() {
        API.close();
    }

    @Autowired
    ApplicationContext context;

    static List<JsonNode> alerts() {
        return API.requests(InboxFixture.ALERTS_PATH).stream().map(r -> {
            PagerDutyContract.assertValid(r.path(), r.body());
            return r.json();
        }).toList();
    }

    @Test
    void theDeployMarkerArrives() {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                API.requests(InboxFixture.CHANGES_PATH).stream()
                        .anyMatch(r -> r.bodyText().contains("Started orders")));
    }

    @Test
    void theHeartbeatStartsAndKeepsPinging() {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                API.requests("/ping/orders/start").size() == 1 && API.requests("/ping/orders").size() >= 2);
    }

    @Test
    void aHealthComponentThatStaysDownPagesAndResolvesWhenBackUp() {
        OrdersApplication.PAYMENTS.set(ComponentHealth.DOWN);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts().stream().anyMatch(a ->
                a.path("dedup_key").asText().equals("health:orders:payments")
                        && a.path("event_action").asText().equals("trigger")));
        JsonNode trigger = alerts().stream().filter(a -> a.path("dedup_key").asText()
                .equals("health:orders:payments")).findFirst().orElseThrow();
        JsonNode details = trigger.path("payload").path("custom_details");
        assertThat(details.path("password").asText()).isEqualTo("****");
        assertThat(details.path("url").asText()).doesNotContain("hunter2");
        assertThat(details.path("pool").asInt()).isEqualTo(10);
        assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("critical");

        OrdersApplication.PAYMENTS.set(ComponentHealth.UP);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts().stream().anyMatch(a ->
                a.path("dedup_key").asText().equals("health:orders:payments")
                        && a.path("event_action").asText().equals("resolve")));
    }

    @Test
    void loggedErrorsPage() {
        LoggerFactory.getLogger("com.example.orders.Checkout").error("Checkout failed for order {}", 42,
                new IllegalStateException("card declined by gateway"));
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts().stream().anyMatch(a ->
                a.path("payload").path("summary").asText().equals("Checkout failed for order 42")));
    }

    @Test
    void thePipelineReportsItsOwnHealth() {
        ComponentHealth tocsin = BootLine.component(context, "tocsin");
        assertThat(tocsin).as("the tocsin component of Spring Boot " + BootLine.NAME + "'s registry").isNotNull();
        assertThat(tocsin.status()).isEqualTo(ComponentHealth.UP);
        assertThat(tocsin.details()).containsKeys("queueDepth", "openBreakers", "spooled");
    }
}
