package dev.tocsin.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.TestPage;
import dev.tocsin.TestPage.Outcome;
import dev.tocsin.TestPage.Report;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A test page to an Alertmanager cluster tests every peer on its own, and names the one that is down. */
class TestPageClusterTest {
    @RegisterExtension
    final FakePeers peers = new FakePeers();

    private AlertmanagerDestination cluster() {
        return AlertmanagerDestination.builder().peers(peers.url(0), peers.url(1)).build();
    }

    @Test
    void everyPeerTakesTheTriggerAndTheResolve() {
        Report report = TestPage.of().and(cluster()).run(Duration.ofSeconds(10));

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.results()).extracting(TestPage.Result::destination).containsExactly(
                "alertmanager(127.0.0.1:" + peers.peer(0).port() + ")",
                "alertmanager(127.0.0.1:" + peers.peer(1).port() + ")");
        for (int i = 0; i < 2; i++) {
            assertThat(peers.sent(i)).as("peer %d", i).hasSize(2).allSatisfy(a -> {
                assertThat(a.path("labels").path("alertname").asText()).isEqualTo("TocsinTestPage");
                assertThat(a.path("labels").path("dedup_key").asText()).isEqualTo(report.dedupKey());
                assertThat(a.path("annotations").path("summary").asText()).contains("Tocsin test page",
                        "safe to ignore");
            });
        }
    }

    @Test
    void aPeerThatIsDownIsNamedAsTheFailure() {
        String down = "alertmanager(127.0.0.1:" + peers.peer(1).port() + ")";
        peers.stop(1);

        Report report = TestPage.of().and(cluster()).run(Duration.ofSeconds(3));

        assertThat(report.passed()).isFalse();
        assertThat(report.failed()).containsExactly(down);
        assertThat(report.results().get(0).passed()).isTrue();
        assertThat(report.results().get(1).trigger().outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(report.toString()).contains("FAILED at 1 of 2 destinations: " + down,
                "trigger: unreachable: connection refused");
        assertThat(peers.sent(0)).hasSize(2);
    }
}
