package dev.tocsin.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 against a real two-peer Alertmanager 0.25 cluster on 127.0.0.1: a peer killed for longer than 4 re-send
 * intervals, the Watchdogs of two services, a resolve from a client started after the trigger. Part of the slow
 * suite ({@code -Pslow}).
 */
@Tag("slow")
class AlertmanagerRecoveryClusterTest {
    @TempDir
    Path dir;
    private AlertmanagerCluster cluster;
    private final List<Tocsin> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        cluster = new AlertmanagerCluster(dir);
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(Tocsin::close);
        cluster.close();
    }

    private Tocsin client(String source, UnaryOperator<AlertmanagerDestination.Builder> destination) {
        Tocsin t = Tocsin.builder()
                .destination(destination.apply(AlertmanagerDestination.builder().peers(cluster.url(0), cluster.url(1)))
                        .build())
                .source(source)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .requestTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(1))
                .rateLimit(1_000, Duration.ofSeconds(1))
                .circuitBreaker(CircuitBreakerConfig.custom().waitDurationInOpenState(Duration.ofMillis(300)).build())
                .build();
        clients.add(t);
        return t;
    }

    @Test
    void aPeerKilledForLongerThanFourIntervalsGetsTheAlertStillFiringAndNobodyIsPagedAgain() throws Exception {
        Duration interval = Duration.ofSeconds(2); // endsAt = send time + 8 s
        Tocsin tocsin = client("orders", d -> d.resendInterval(interval));
        tocsin.trigger(Alert.trigger("Disk full").dedupKey("disk").severity(Severity.CRITICAL).build());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                cluster.alert(0, "disk") != null && cluster.alert(1, "disk") != null);
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.firingNotifications("disk") == 1);
        // The peer that notified gossips its notification log just after the receiver answers. Killed before that,
        // the other peer, once its turn comes (peer timeout 3 s), notifies as well: a double page of the cluster's
        // own making, whatever the client does. So the kill waits until the other peer's turn has passed in silence.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(cluster.firingNotifications("disk")).as(cluster::describeNotifications).isEqualTo(1));

        cluster.kill(1);
        Instant killedAt = Instant.now();
        // The client keeps the live peer up to date for longer than 4 intervals: whatever it queued for the dead
        // peer meanwhile was encoded with an endsAt that has passed.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode alert = cluster.alert(0, "disk");
            return alert != null && Instant.parse(alert.path("updatedAt").asText())
                    .isAfter(killedAt.plus(interval.multipliedBy(4)).plus(interval));
        });

        cluster.start(1);
        cluster.awaitReady(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.alert(1, "disk") != null);
        // Long enough for the returned peer to wait its turn (peer timeout 3 s) and notify if it thought it had to.
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(cluster.notifications("disk", "resolved")).as(cluster::describeNotifications).isZero();
            assertThat(cluster.firingNotifications("disk")).as(cluster::describeNotifications).isEqualTo(1);
        });
        assertThat(cluster.alert(1, "disk").path("status").path("state").asText()).isEqualTo("active");
    }

    @Test
    void theWatchdogsOfTwoServicesAreTwoAlerts() {
        client("orders", d -> d.watchdog(true));
        client("billing", d -> d.watchdog(true));
        for (int peer = 0; peer < 2; peer++) {
            int p = peer;
            await().atMost(Duration.ofSeconds(20)).until(() -> watchdogServices(p).size() == 2);
            assertThat(watchdogServices(p)).containsExactlyInAnyOrder("orders", "billing");
        }
    }

    private List<String> watchdogServices(int peer) {
        return cluster.alerts(peer).stream()
                .filter(a -> a.path("labels").path("alertname").asText().equals("Watchdog"))
                .map(a -> a.path("labels").path("service").asText()).toList();
    }

    @Test
    void aResolveFromAClientStartedAfterTheTriggerResolvesTheAlertInAlertmanager() {
        UnaryOperator<AlertmanagerDestination.Builder> config = d -> d.label("team", "payments")
                .label("env", "test").detailLabels("tenant");
        Tocsin first = client("orders", config);
        first.trigger(Alert.trigger("Database connections exhausted").dedupKey("db-down").type("DatabaseDown")
                .severity(Severity.CRITICAL).component("postgres").detail("tenant", "acme").build());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                cluster.alert(0, "db-down") != null && cluster.alert(1, "db-down") != null);
        Map<String, Object> labels = Map.of("alertname", "DatabaseDown", "severity", "critical", "team", "payments",
                "env", "test", "tenant", "acme", "service", "orders", "component", "postgres");
        labels.forEach((name, value) ->
                assertThat(cluster.alert(0, "db-down").path("labels").path(name).asText()).isEqualTo(value));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.firingNotifications("db-down") == 1);
        first.close();

        Tocsin next = client("orders", config);
        next.resolve("db-down");
        // The trigger's endsAt is 4 minutes away: only a resolve in its label set ends it now.
        await().atMost(Duration.ofSeconds(20)).until(() ->
                cluster.alert(0, "db-down") == null && cluster.alert(1, "db-down") == null);
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.notifications("db-down", "resolved") == 1);
    }
}
