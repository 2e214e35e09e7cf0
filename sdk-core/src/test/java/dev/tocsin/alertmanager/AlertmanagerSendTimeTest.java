package dev.tocsin.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.MutableClock;
import dev.tocsin.testkit.Answer;
import dev.tocsin.testkit.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every send carries {@code startsAt}/{@code endsAt} made at its send time, whatever the request waited through (a
 * peer's outage, a retry, a restart with the spool), and a key's superseded state is never replayed.
 */
class AlertmanagerSendTimeTest {
    private static final Duration FOUR_INTERVALS = Duration.ofSeconds(240);

    @RegisterExtension
    final FakePeers peers = new FakePeers();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    @TempDir
    Path spool;

    private Tocsin client(boolean spooled) {
        Tocsin.Builder b = Tocsin.builder()
                .destination(AlertmanagerDestination.builder().peers(peers.url(0), peers.url(1)).build())
                .clock(clock).source("orders").backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .rateLimit(10_000, Duration.ofSeconds(1))
                .circuitBreaker(io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                        .waitDurationInOpenState(Duration.ofMillis(100)).build());
        return peers.register((spooled ? b.spool(spool) : b).build());
    }

    /** Waits for a condition while the client's clock moves on a little at each look (backoff and re-sends run on it). */
    private void awaitTicking(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            clock.advance(Duration.ofMillis(20));
            return condition.call();
        });
    }

    private static Instant time(JsonNode alert, String field) {
        return Instant.parse(alert.path(field).asText());
    }

    private static boolean isResolve(JsonNode alert) {
        return time(alert, "startsAt").equals(time(alert, "endsAt"));
    }

    @Test
    void aTriggerQueuedThroughAnOutageLongerThanFourIntervalsArrivesStillFiring() {
        peers.stop(1);
        Tocsin tocsin = client(false);
        Instant firedAt = clock.instant();
        tocsin.trigger(Alert.trigger("Disk full").dedupKey("disk").severity(Severity.CRITICAL).timestamp(firedAt)
                .build());
        awaitTicking(() -> peers.sent(0).size() == 1);
        clock.advance(Duration.ofMinutes(10)); // the outage: 2.5 × (4 × the re-send interval)
        awaitTicking(() -> peers.sent(0).size() >= 2); // the live peer is kept up to date meanwhile

        Instant back = clock.instant();
        peers.restart(1);
        awaitTicking(() -> !peers.sent(1).isEmpty());
        JsonNode first = peers.sent(1).get(0);
        assertThat(time(first, "endsAt")).as("endsAt is made at the send, not when the alert was queued")
                .isAfter(back.plus(FOUR_INTERVALS).minusMillis(1));
        assertThat(time(first, "startsAt")).isEqualTo(firedAt);
    }

    @Test
    void aResolveQueuedBehindItsTriggerDuringAnOutageIsAllThePeerGetsWhenItReturns() {
        peers.stop(1);
        Tocsin tocsin = client(false);
        tocsin.trigger(Alert.trigger("Disk full").dedupKey("disk").severity(Severity.CRITICAL).build());
        awaitTicking(() -> peers.sent(0).size() == 1);
        clock.advance(Duration.ofSeconds(30));
        tocsin.resolve("disk");
        awaitTicking(() -> peers.sent(0).size() == 2);

        peers.restart(1);
        awaitTicking(() -> peers.sent(1).size() >= 2);
        assertThat(peers.sent(1)).as("the superseded trigger is not replayed").allSatisfy(a -> {
            assertThat(isResolve(a)).isTrue();
            assertThat(a.path("labels")).isEqualTo(peers.sent(0).get(0).path("labels"));
        });
    }

    @Test
    void aRetriedSendIsMadeAgainAtItsOwnSendTime() {
        peers.peer(0).answer(Endpoint.ALERTMANAGER, Answer.status(503), Answer.normally());
        Tocsin tocsin = client(false);
        tocsin.trigger(Alert.trigger("Disk full").dedupKey("disk").build());
        awaitTicking(() -> peers.sent(0).size() == 2);

        List<JsonNode> attempts = peers.sent(0);
        assertThat(time(attempts.get(1), "endsAt")).isAfter(time(attempts.get(0), "endsAt"));
        assertThat(time(attempts.get(1), "startsAt")).isEqualTo(time(attempts.get(0), "startsAt"));
    }

    @Test
    void aSpooledTriggerReplayedByTheNextRunFiresAsOfItsSend() {
        peers.stop(0);
        peers.stop(1);
        Tocsin first = client(true);
        first.trigger(Alert.trigger("Disk full").dedupKey("disk").severity(Severity.CRITICAL).build());
        assertThat(first.persist(Duration.ofSeconds(10))).isTrue();
        first.close();

        clock.advance(Duration.ofMinutes(30));
        peers.restart(0);
        peers.restart(1);
        Instant restarted = clock.instant();
        client(true);
        awaitTicking(() -> !peers.sent(0).isEmpty() && !peers.sent(1).isEmpty());
        for (int peer = 0; peer < 2; peer++) {
            JsonNode replayed = peers.sent(peer).get(0);
            assertThat(replayed.path("labels").path("dedup_key").asText()).isEqualTo("disk");
            assertThat(time(replayed, "endsAt")).isAfter(restarted.plus(FOUR_INTERVALS).minusMillis(1));
        }
    }
}
