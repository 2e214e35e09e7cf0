package dev.tocsin.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.testing.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The adapter over Resilience4j's clock APIs. This build links 2.4, which has {@code Builder.clock} and the
 * nano-time limiter; the constructor path of 1.7 to 2.2 runs in the compatibility module's floor runs.
 */
class ResilienceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final CircuitBreakerConfig opensAfterTwo = CircuitBreakerConfig.custom().slidingWindowSize(2)
            .minimumNumberOfCalls(2).failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(30))
            .build();
    private final RateLimiterConfig onePerHour = RateLimiterConfig.custom().limitForPeriod(1)
            .limitRefreshPeriod(Duration.ofHours(1)).timeoutDuration(Duration.ZERO).build();

    @Test
    void theClientClockTimesTheOpenBreaker() {
        CircuitBreaker breaker = Resilience.onClassPath().breaker("b", opensAfterTwo, clock);
        fail(breaker);
        fail(breaker);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquirePermission()).isFalse();

        clock.advance(Duration.ofSeconds(31));

        assertThat(breaker.tryAcquirePermission()).as("half-open once the client clock passed the wait").isTrue();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void theClientClockDrivesTheLimiterWhereResilience4jTakesOne() {
        Resilience resilience = Resilience.onClassPath();
        assertThat(resilience.limiterFollowsClock()).as("2.4 on this build's class path").isTrue();
        RateLimiter limiter = resilience.limiter("l", onePerHour, clock);
        assertThat(limiter.acquirePermission()).isTrue();
        assertThat(limiter.acquirePermission()).isFalse();

        clock.advance(Duration.ofHours(1));

        assertThat(limiter.acquirePermission()).isTrue();
    }

    @Test
    void withoutTheNanoTimeOverloadTheLimiterRunsOnTheSystemClock() throws Exception {
        Resilience before24 = new Resilience(builderClock(), null, null);
        assertThat(before24.limiterFollowsClock()).isFalse();
        RateLimiter limiter = before24.limiter("l", onePerHour, clock);
        assertThat(limiter.acquirePermission()).isTrue();

        clock.advance(Duration.ofHours(2));

        assertThat(limiter.acquirePermission()).as("the injected clock does not reach it").isFalse();
    }

    @Test
    void aResilience4jWithNoWayToTakeAClockIsNamedNotLinked() {
        Resilience neither = new Resilience(null, null, null);
        assertThat(neither.unusable()).contains("CircuitBreakerConfig.Builder.clock(Clock)")
                .contains("CircuitBreakerStateMachine(String, CircuitBreakerConfig, Clock)");
        assertThatThrownBy(() -> neither.breaker("b", opensAfterTwo, clock))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("tocsin: ");
        assertThat(Resilience.onClassPath().unusable()).isNull();
    }

    @Test
    void aFailureInsideResilience4jIsNotWrappedTwice() throws Exception {
        MethodHandle throwing = MethodHandles.lookup().findStatic(ResilienceTest.class, "refuse",
                MethodType.methodType(RateLimiter.class, String.class, RateLimiterConfig.class, Supplier.class));
        Resilience broken = new Resilience(builderClock(), null, throwing);
        assertThatThrownBy(() -> broken.limiter("l", onePerHour, clock)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refused");
    }

    @Test
    void nanosCountFromTheEpochOfTheClock() {
        assertThat(Resilience.nanos(Clock.fixed(Instant.ofEpochSecond(2, 5), java.time.ZoneOffset.UTC)))
                .isEqualTo(2_000_000_005L);
    }

    static RateLimiter refuse(String name, RateLimiterConfig config, Supplier<Long> nanos) {
        throw new IllegalArgumentException("refused");
    }

    private static MethodHandle builderClock() throws ReflectiveOperationException {
        return MethodHandles.publicLookup().findVirtual(CircuitBreakerConfig.Builder.class, "clock",
                MethodType.methodType(CircuitBreakerConfig.Builder.class, Clock.class));
    }

    private static void fail(CircuitBreaker breaker) {
        assertThat(breaker.tryAcquirePermission()).isTrue();
        breaker.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException("HTTP 500"));
    }
}
