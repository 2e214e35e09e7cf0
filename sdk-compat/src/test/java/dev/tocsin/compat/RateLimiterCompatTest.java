package dev.tocsin.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rate limit holds events back in their lane, and loses none. Its sliding window (at most the limit in any
 * period, half of it back to back) runs on the client's clock with every Resilience4j. Past the burst, Resilience4j's
 * limiter keeps sends one period/permits apart: from 2.4 on the client's clock, before 2.4 on the system's nano
 * clock, which the README states.
 */
class RateLimiterCompatTest {
    @RegisterExtension
    final LocalReceiver receiver = new LocalReceiver();

    @Test
    void eventsOverTheLimitWaitInTheirLaneForTheClientClock() {
        ManualClock clock = new ManualClock();
        Tocsin tocsin = receiver.track(receiver.client().clock(clock).rateLimit(1, Duration.ofHours(1))
                .deliveryDeadline(Duration.ofDays(1)).build());
        for (int i = 0; i < 3; i++) {
            tocsin.trigger(Alert.trigger("distinct failure " + i).dedupKey("k" + i).build());
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().delivered() == 1);
        heldBack(tocsin, 1, 3);

        clock.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().delivered() == 2);
        heldBack(tocsin, 2, 3);
        clock.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().delivered() == 3);
        assertThat(receiver.requests()).isEqualTo(3);
        assertThat(tocsin.stats().dropped()).isZero();
    }

    @Test
    void pastTheBurstResilience4jKeepsThePace() {
        ManualClock clock = new ManualClock();
        // 4 an hour: 2 back to back, then one 20 minutes on (the window spread), Resilience4j's pace 15 minutes.
        Tocsin tocsin = receiver.track(receiver.client().clock(clock).rateLimit(4, Duration.ofHours(1))
                .deliveryDeadline(Duration.ofDays(1)).build());
        for (int i = 0; i < 4; i++) {
            tocsin.trigger(Alert.trigger("distinct failure " + i).dedupKey("k" + i).build());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().delivered() == 2);
        heldBack(tocsin, 2, 4);

        clock.advance(Duration.ofMinutes(20)); // Resilience4j's first permit is still unused, on either clock
        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().delivered() == 3);
        heldBack(tocsin, 3, 4);

        clock.advance(Duration.ofMinutes(20));
        if (limiterTakesAClock()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().delivered() == 4);
        } else {
            heldBack(tocsin, 3, 4); // the system clock has not moved 15 minutes: an injected clock does not reach it
        }
        assertThat(tocsin.stats().dropped()).isZero();
    }

    /** For a while, exactly {@code sent} requests went out and the rest of {@code all} wait in the lane. */
    private void heldBack(Tocsin tocsin, int sent, int all) {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.requests() == sent && tocsin.stats().outboxDepth() == all - sent);
    }

    private static boolean limiterTakesAClock() {
        try {
            RateLimiter.class.getMethod("of", String.class, RateLimiterConfig.class, Supplier.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
