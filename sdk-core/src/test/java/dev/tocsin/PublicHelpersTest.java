package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.alertmanager.AlertmanagerDestination;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.Failures;
import dev.tocsin.spi.Peers;
import dev.tocsin.spi.Scrubbing;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public helpers and entry points added for integrations: bad input gets a clear error or a safe result. */
class PublicHelpersTest {

    @Test
    void aClusterWithoutPeersIsRefusedAtBuildNamingTheSetting() {
        assertThatThrownBy(() -> Tocsin.builder().destination((Peers) List::of).closeOnExit(false).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("destination(Peers)");
        assertThatThrownBy(() -> Tocsin.builder().destination((Peers) null).closeOnExit(false).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no peers");
    }

    @Test
    void routingAClusterBySeverityNeedsAClusterAndKeepsEveryPeer() {
        assertThatThrownBy(() -> Destinations.forSeverities((Peers) null, Severity.CRITICAL))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("forSeverities needs a cluster");
        AlertmanagerDestination cluster = AlertmanagerDestination.builder()
                .peers("http://127.0.0.1:9093", "http://127.0.0.1:9094").build();
        Peers critical = Destinations.forSeverities(cluster, Severity.CRITICAL);
        assertThat(critical.peers()).hasSize(2);
        Alert warning = Alert.trigger("disk 80% full").dedupKey("disk").severity(Severity.WARNING)
                .timestamp(Instant.parse("2026-01-01T00:00:00Z")).build();
        for (var peer : critical.peers()) {
            assertThat(peer.encode(warning)).as("a warning, filtered out").isNull();
            assertThat(peer.resending().encodeAt(warning, Instant.parse("2026-01-01T00:01:00Z")))
                    .as("filtered as of a time too").isNull();
            assertThat(peer.encode(Alert.resolve("disk").timestamp(Instant.parse("2026-01-01T00:02:00Z"))
                    .build())).as("a resolve passes, whatever its severity").isNotNull();
        }
    }

    @Test
    void aClustersWatchdogKeepsFiringThroughASeverityFilter() {
        AlertmanagerDestination cluster = AlertmanagerDestination.builder().peers("http://127.0.0.1:9093")
                .watchdog(true).build();
        var peer = Destinations.forSeverities(cluster, Severity.CRITICAL).peers().get(0);
        Alert watchdog = peer.resending().standingAlerts().get(0);
        Alert stamped = Alert.trigger(watchdog.summary()).dedupKey(watchdog.dedupKey()).severity(watchdog.severity())
                .type(watchdog.type()).timestamp(Instant.parse("2026-01-01T00:00:00Z")).build();
        assertThat(peer.resending().encodeAt(stamped, Instant.parse("2026-01-01T00:00:00Z")))
                .as("the INFO Watchdog, though only CRITICAL is taken").isNotNull();
    }

    @Test
    void badClusterSettingsAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> AlertmanagerDestination.builder().peers("http://127.0.0.1:9093")
                .resolvedResendFor(null).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resolvedResendFor");
        assertThatThrownBy(() -> AlertmanagerDestination.builder().peers((String) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null URL");
        assertThatThrownBy(() -> Destinations.forSeverities((dev.tocsin.spi.Destination) null, Severity.ERROR))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("needs a destination");
    }

    @Test
    void requeueChecksItsArguments(@TempDir Path dir) {
        assertThatThrownBy(() -> DeadLetters.requeue(dir, Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive duration");
        assertThatThrownBy(() -> DeadLetters.requeue(dir, Duration.ofHours(1), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("clock");
    }

    @Test
    void plainDetailsSurviveAHostileToStringAndAreBounded() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        Map<String, Object> details = new HashMap<>();
        details.put("hostile", hostile);
        details.put("long", "x".repeat(100_000));
        details.put("password", "hunter2");
        details.put("count", 3);
        Map<String, Object> plain = Scrubbing.plainDetails(details);
        assertThat((String) plain.get("hostile")).startsWith("<unrenderable ");
        assertThat((String) plain.get("long")).hasSizeLessThanOrEqualTo(Scrubbing.MAX_VALUE + 1);
        assertThat(plain).containsEntry("password", Scrubbing.MASK).containsEntry("count", 3);
        assertThat(Scrubbing.plainDetails(null)).isEmpty();
    }

    @Test
    void aNegativeFrameCountRendersOneFrame() {
        String trace = Failures.stackTrace(new IllegalStateException("boom"), -5);
        assertThat(trace.split("\tat ", -1)).as("one frame").hasSize(2);
    }
}
