package dev.tocsin.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Routing labels: static ones, per-alert ones from details, the alertname default, the Watchdog's identity. */
class AlertmanagerLabelsTest {
    @RegisterExtension
    final FakePeers peers = new FakePeers();

    private Tocsin client(String source, AlertmanagerDestination.Builder destination) {
        return peers.register(Tocsin.builder()
                .destination(destination.peers(peers.url(0), peers.url(1)).build())
                .source(source).backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .rateLimit(10_000, Duration.ofSeconds(1)).build());
    }

    private static Map<String, String> labels(JsonNode alert) {
        Map<String, String> out = new LinkedHashMap<>();
        alert.path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @Test
    void staticLabelsAndDetailLabelsRouteEachAlertAndItsResolveCarriesTheSameSet() {
        Tocsin tocsin = client("orders", AlertmanagerDestination.builder().label("team", "platform")
                .label("env", "prod").label("instance", "orders-7f9c:8080").detailLabels("team", "tenant"));
        tocsin.trigger(Alert.trigger("Payment provider down").dedupKey("psp").severity(Severity.CRITICAL)
                .detail("team", "payments").detail("tenant", 42).detail("nested", Map.of("a", 1)).build());
        tocsin.trigger(Alert.trigger("Cache cold").dedupKey("cache").severity(Severity.WARNING).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.sent(1).size() == 2);

        JsonNode psp = peers.sent(1).stream().filter(a -> a.path("labels").path("dedup_key").asText().equals("psp"))
                .findFirst().orElseThrow();
        assertThat(labels(psp)).containsExactlyInAnyOrderEntriesOf(Map.of("alertname", "orders", "dedup_key", "psp",
                "severity", "critical", "service", "orders", "team", "payments", "env", "prod",
                "instance", "orders-7f9c:8080", "tenant", "42"));
        JsonNode cache = peers.sent(1).stream()
                .filter(a -> a.path("labels").path("dedup_key").asText().equals("cache")).findFirst().orElseThrow();
        assertThat(labels(cache)).containsEntry("team", "platform").doesNotContainKey("tenant");

        tocsin.resolve("psp");
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.sent(1).size() == 3);
        assertThat(labels(peers.sent(1).get(2))).isEqualTo(labels(psp));
    }

    @Test
    void anAlertWithoutTypeIsNamedByTheConfiguredDefaultElseByItsSource() {
        client("billing", AlertmanagerDestination.builder().alertname("BillingError"))
                .trigger(Alert.trigger("Invoice run failed").dedupKey("invoices").build());
        client("orders", AlertmanagerDestination.builder())
                .trigger(Alert.trigger("Queue stuck").dedupKey("queue").build());
        client("orders", AlertmanagerDestination.builder().alertname("OrdersError"))
                .trigger(Alert.trigger("Disk full").dedupKey("disk").type("DiskFull").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.sent(0).size() == 3);

        Map<String, String> names = new LinkedHashMap<>();
        peers.sent(0).forEach(a -> names.put(a.path("labels").path("dedup_key").asText(),
                a.path("labels").path("alertname").asText()));
        assertThat(names).containsEntry("invoices", "BillingError").containsEntry("queue", "orders")
                .containsEntry("disk", "DiskFull");
    }

    @Test
    void theWatchdogOfEachServiceCarriesItsSourceAndStaticLabels() {
        client("orders", AlertmanagerDestination.builder().watchdog(true).label("env", "prod"));
        client("billing", AlertmanagerDestination.builder().watchdog(true).label("env", "prod"));
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.sent(0).size() == 2);

        assertThat(peers.sent(0)).extracting(a -> a.path("labels").path("service").asText())
                .containsExactlyInAnyOrder("orders", "billing");
        assertThat(peers.sent(0)).allSatisfy(a -> {
            assertThat(a.path("labels").path("alertname").asText()).isEqualTo("Watchdog");
            assertThat(a.path("labels").path("env").asText()).isEqualTo("prod");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1team", "team-name", "tëam", "", "__meta", "alertname", "severity", "service",
            "dedup_key", "component", "group"})
    void aLabelNameAlertmanagerWouldRefuseOrThatTheAlertFillsIsRefusedAtBuild(String name) {
        assertThatThrownBy(() -> AlertmanagerDestination.builder().label(name, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alertmanager.label");
        assertThatThrownBy(() -> AlertmanagerDestination.builder().detailLabels("team", name))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alertmanager.detailLabels");
    }

    @Test
    void blankLabelValuesAndAlertnamesAreRefusedAtBuild() {
        assertThatThrownBy(() -> AlertmanagerDestination.builder().label("team", " "))
                .hasMessageContaining("alertmanager.label").hasMessageContaining("team");
        assertThatThrownBy(() -> AlertmanagerDestination.builder().peers("http://127.0.0.1:9093").alertname("")
                .build()).hasMessageContaining("alertmanager.alertname");
    }
}
