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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real two-peer Alertmanager cluster on 127.0.0.1. Part of the slow suite ({@code -Pslow}). */
@Tag("slow")
class AlertmanagerClusterTest {
    @TempDir
    Path dir;
    private AlertmanagerCluster cluster;
    private Tocsin tocsin;

    @BeforeEach
    void start() throws Exception {
        cluster = new AlertmanagerCluster(dir);
        tocsin = Tocsin.builder()
                .destination(AlertmanagerDestination.builder().peers(cluster.url(0), cluster.url(1)).build())
                .source("orders-host")
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .requestTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(1))
                .rateLimit(1_000, Duration.ofSeconds(1))
                .circuitBreaker(CircuitBreakerConfig.custom().waitDurationInOpenState(Duration.ofMillis(300)).build())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        tocsin.close();
        cluster.close();
    }

    private static Alert dbDown() {
        return Alert.trigger("Database connections exhausted").dedupKey("db-down").severity(Severity.CRITICAL)
                .component("postgres").type("DatabaseDown").link("https://runbooks.example.com/db", "Runbook")
                .detail("pool", 50).build();
    }

    @Test
    void aTriggerReachesBothPeersAndTheReceiverIsNotifiedOnce() {
        tocsin.trigger(dbDown());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                cluster.alert(0, "db-down") != null && cluster.alert(1, "db-down") != null);
        JsonNode alert = cluster.alert(1, "db-down");
        assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("DatabaseDown");
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(alert.path("labels").path("service").asText()).isEqualTo("orders-host");
        assertThat(alert.path("annotations").path("summary").asText()).isEqualTo("Database connections exhausted");
        assertThat(alert.path("annotations").path("runbook_url").asText()).isEqualTo("https://runbooks.example.com/db");

        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.firingNotifications("db-down") >= 1);
        // The second peer waits its peer timeout (3 s) and then sees in the shared notification log that the
        // first already notified: exactly one notification.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
                .until(() -> cluster.firingNotifications("db-down") == 1);
    }

    @Test
    void aResolveIsVisibleOnBothPeers() {
        tocsin.trigger(dbDown());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                cluster.alert(0, "db-down") != null && cluster.alert(1, "db-down") != null);
        tocsin.resolve("db-down");
        await().atMost(Duration.ofSeconds(20)).until(() -> resolvedAt(0) && resolvedAt(1));
    }

    private boolean resolvedAt(int peer) {
        JsonNode alert = cluster.alert(peer, "db-down");
        return alert == null || !Instant.parse(alert.path("endsAt").asText()).isAfter(Instant.now());
    }

    @Test
    void aStoppedPeerDoesNotHoldUpTheOtherAndCatchesUpAfterItsRestart() throws Exception {
        cluster.stop(1);
        tocsin.trigger(Alert.trigger("Cache evictions").dedupKey("cache-down").severity(Severity.ERROR).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.alert(0, "cache-down") != null);
        assertThat(tocsin.stats().retried()).isGreaterThanOrEqualTo(0);

        cluster.start(1);
        cluster.awaitReady(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.alert(1, "cache-down") != null);
    }
}
