package dev.tocsin.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testing.MutableClock;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lane's rate limit on the client's clock: a burst, a sliding window that is never exceeded, and no stall. */
class RateLimitWindowTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration STEP = Duration.ofMillis(5);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private RateLimit perMinute(int permits) {
        RateLimiterConfig pace = RateLimiterConfig.custom().limitForPeriod(1)
                .limitRefreshPeriod(MINUTE.dividedBy(permits)).timeoutDuration(Duration.ZERO).build();
        return new RateLimit(Resilience.onClassPath().limiter("test", pace, clock), permits, MINUTE);
    }

    /** Sends whenever the limit allows, for {@code length} of the test's clock; when each send started. */
    private List<Instant> flood(RateLimit limit, Duration length) {
        List<Instant> sent = new ArrayList<>();
        Instant end = clock.instant().plus(length);
        while (clock.instant().isBefore(end)) {
            while (limit.acquire(clock.instant()) == 0) {
                sent.add(clock.instant());
            }
            clock.advance(STEP);
        }
        return sent;
    }

    @Test
    void halfTheLimitGoesAtOnce() {
        List<Instant> sent = flood(perMinute(120), Duration.ofSeconds(1));
        assertThat(sent.subList(0, 60)).allMatch(t -> t.equals(sent.get(0)));
        assertThat(sent).hasSizeLessThanOrEqualTo(61);
    }

    @Test
    void noWindowOfOnePeriodEverHoldsMoreThanTheLimitAndNoSendWaitsLong() {
        List<Instant> sent = flood(perMinute(120), Duration.ofMinutes(5));
        for (int i = 120; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 120), sent.get(i))).as("send %d", i)
                    .isGreaterThanOrEqualTo(MINUTE);
        }
        for (int i = 61; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 1), sent.get(i))).as("gap before send %d", i)
                    .isLessThanOrEqualTo(Duration.ofMillis(1_000));
        }
        // Past the first minute, the full rate: 120 a minute.
        long lastFourMinutes = sent.stream().filter(t -> !t.isBefore(sent.get(0).plus(MINUTE))).count();
        assertThat(lastFourMinutes).isBetween(4 * 120L - 2, 4 * 120L + 1);
    }

    @Test
    void sendsTheServerNeverTookDoNotCount() {
        RateLimit limit = perMinute(120);
        for (int i = 0; i < 1_000; i++) { // a probe that fails, again and again
            assertThat(limit.acquire(clock.instant())).isZero();
            limit.giveBack();
            clock.advance(Duration.ofSeconds(2));
        }
        List<Instant> sent = flood(limit, Duration.ofMillis(1));
        assertThat(sent).hasSize(60);
    }

    @Test
    void oneAPeriodMeansOneAPeriod() {
        List<Instant> sent = flood(perMinute(1), Duration.ofMinutes(3).plus(STEP));
        assertThat(sent).hasSize(4);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 1), sent.get(i))).isEqualTo(MINUTE);
        }
    }

    @Test
    void aClockThatGoesBackDoesNotStallTheLane() {
        RateLimit limit = perMinute(2);
        assertThat(limit.acquire(clock.instant())).isZero();
        clock.advance(Duration.ofHours(-1));
        assertThat(limit.acquire(clock.instant())).isLessThanOrEqualTo(MINUTE.toNanos());
    }
}
