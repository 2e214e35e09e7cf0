package dev.tocsin.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.Alert;
import dev.tocsin.Tocsin;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rate limiter holds events back in their lane, and loses none. From Resilience4j 2.4 the client's clock
 * drives it; before 2.4 it runs on the system's nano clock, which the README states.
 */
class RateLimiterCompatTest {
    @RegisterExtension
    final LocalReceiver receiver = new LocalReceiver();

    @Test
    void eventsOverTheLimitWaitInTheirLane() {
        ManualClock clock = new ManualClock();
        Tocsin tocsin = receiver.track(receiver.client().clock(clock).rateLimit(1, Duration.ofHours(1))
                .deliveryDeadline(Duration.ofDays(1)).build());
        for (int i = 0; i < 3; i++) {
            tocsin.trigger(Alert.trigger("distinct failure " + i).dedupKey("k" + i).build());
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().delivered() == 1);
        heldBack(tocsin, 1);

        clock.advance(Duration.ofHours(1));
        if (limiterTakesAClock()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().delivered() == 2);
            heldBack(tocsin, 2);
            clock.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().delivered() == 3);
            assertThat(receiver.requests()).isEqualTo(3);
        } else {
            heldBack(tocsin, 1); // the system clock has not moved an hour: an injected clock does not reach it
        }
        assertThat(tocsin.stats().dropped()).isZero();
    }

    /** For a while, exactly {@code sent} requests went out and the rest wait in the lane. */
    private void heldBack(Tocsin tocsin, int sent) {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.requests() == sent && tocsin.stats().outboxDepth() == 3 - sent);
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
