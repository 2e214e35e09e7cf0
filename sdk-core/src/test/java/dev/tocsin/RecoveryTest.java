package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.event.Alert;
import dev.tocsin.spi.TocsinStats;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import dev.tocsin.testkit.Answer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client with the default backoff, breaker and rate limit through an outage of its destination and its end. On
 * the test's clock: once the destination is back, the clock moves 4.5 s and stops, and the whole backlog must be
 * delivered without it moving again. In real time: an endpoint that went away and comes back on the same port gets
 * everything.
 */
class RecoveryTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static final int BACKLOG = 50;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** The defaults but the endpoint, the timeouts and, if given, the clock. */
    private Tocsin.Builder defaults() {
        return Tocsin.builder().destination(api.destination()).source("test-host")
                .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMillis(500))
                .shutdownTimeout(Duration.ofMillis(500));
    }

    private void triggerBacklog(Tocsin tocsin) {
        for (int i = 0; i < BACKLOG; i++) {
            tocsin.trigger(Alert.trigger("failure " + i).dedupKey("k" + i).build());
        }
    }

    /** Every request sent so far was answered, and the lane has applied the answer. */
    private boolean allAnswered(Tocsin tocsin) {
        TocsinStats s = tocsin.stats();
        return api.alertCount() == s.retried() + s.delivered();
    }

    @Test
    void afterALongOutageTheWholeBacklogGoesWithinFiveSecondsOfRecovery() {
        api.answer(Answer.status(500));
        Tocsin tocsin = api.track(defaults().clock(clock).build());
        triggerBacklog(tocsin);

        // Two minutes of outage on the test's clock: enough failures to open the breaker.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            clock.advance(Duration.ofMillis(500));
            return tocsin.stats().retried() >= 15 && tocsin.stats().openBreakers() == 1;
        });
        assertThat(tocsin.stats().delivered()).isZero();

        api.answer(Answer.normally());
        await().atMost(Duration.ofSeconds(10)).until(() -> allAnswered(tocsin)); // no 500 is still on its way
        clock.advance(Duration.ofMillis(4_500));

        await().atMost(Duration.ofSeconds(20)).until(() -> tocsin.stats().delivered() == BACKLOG);
        assertThat(tocsin.stats().dropped()).isZero();
        assertThat(tocsin.stats().openBreakers()).isZero();
    }

    @Test
    void aServerThatSaysRetryAfterSixtyIsNotAskedAgainSooner() {
        api.answer(Answer.status(503).withRetryAfter("60"));
        Tocsin tocsin = api.track(defaults().clock(clock).build());
        tocsin.trigger(Alert.trigger("failure").dedupKey("k").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().retried() == 1);

        api.answer(Answer.normally());
        clock.advance(Duration.ofSeconds(59));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> api.alertCount() == 1);

        clock.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().delivered() == 1);
        assertThat(api.alertCount()).isEqualTo(2);
    }

    @Test
    void anEndpointThatWentAwayAndCameBackGetsEverything() {
        Tocsin tocsin = api.track(defaults().build());
        api.stop(); // connections are refused from now on
        triggerBacklog(tocsin);
        await().atMost(Duration.ofSeconds(60)).until(() -> tocsin.stats().retried() >= 4);
        assertThat(tocsin.stats().delivered()).isZero();

        api.restart(); // on the same port

        await().atMost(Duration.ofSeconds(30)).until(() -> tocsin.stats().delivered() == BACKLOG);
        assertThat(tocsin.stats().dropped()).isZero();
        assertThat(api.alerts()).hasSize(BACKLOG);
    }
}
