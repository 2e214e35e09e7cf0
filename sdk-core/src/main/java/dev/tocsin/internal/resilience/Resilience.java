package dev.tocsin.internal.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Builds a lane's circuit breaker and rate limiter on the client's clock with whichever Resilience4j the
 * application carries (1.7.1 to 2.x). How Resilience4j takes a clock changed between releases, so those calls are
 * looked up once, here, instead of being linked at compile time: linked against 2.4 alone they throw
 * {@code NoSuchMethodError} on every older release.
 *
 * <ul>
 *   <li>Breaker: {@code CircuitBreakerConfig.Builder.clock(Clock)} (2.3 and later), else the constructor
 *       {@code CircuitBreakerStateMachine(String, CircuitBreakerConfig, Clock)} (1.7 to 2.2). Either way the
 *       client's clock times the open state.</li>
 *   <li>Limiter: {@code RateLimiter.of(String, RateLimiterConfig, Supplier<Long>)} (2.4 and later) reads the
 *       client's clock; before 2.4 the limiter runs on {@link System#nanoTime()}, so an injected clock does not
 *       drive it.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Resilience {
    private static final Resilience ON_CLASS_PATH = lookUp();

    /** {@code (Builder, Clock) -> Builder}, or {@code null} before 2.3. */
    private final MethodHandle configClock;
    /** {@code (String, CircuitBreakerConfig, Clock) -> CircuitBreakerStateMachine}, or {@code null} from 2.3. */
    private final MethodHandle breakerWithClock;
    /** {@code (String, RateLimiterConfig, Supplier) -> RateLimiter}, or {@code null} before 2.4. */
    private final MethodHandle limiterWithNanos;

    public Resilience(MethodHandle configClock, MethodHandle breakerWithClock, MethodHandle limiterWithNanos) {
        this.configClock = configClock;
        this.breakerWithClock = breakerWithClock;
        this.limiterWithNanos = limiterWithNanos;
    }

    /** What the Resilience4j on the class path offers; looked up once. */
    public static Resilience onClassPath() {
        return ON_CLASS_PATH;
    }

    /** Why no clock-driven breaker can be built with this Resilience4j, or {@code null} if one can. */
    public String unusable() {
        return configClock == null && breakerWithClock == null
                ? "it has neither CircuitBreakerConfig.Builder.clock(Clock) nor the constructor "
                        + "CircuitBreakerStateMachine(String, CircuitBreakerConfig, Clock)"
                : null;
    }

    /** Whether the limiter reads the client's clock (Resilience4j 2.4 and later) rather than the system's. */
    boolean limiterFollowsClock() {
        return limiterWithNanos != null;
    }

    public CircuitBreaker breaker(String name, CircuitBreakerConfig config, Clock clock) {
        try {
            if (configClock != null) {
                CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.from(config);
                return CircuitBreaker.of(name, ((CircuitBreakerConfig.Builder) configClock.invoke(builder, clock))
                        .build());
            }
            if (breakerWithClock != null) {
                return (CircuitBreaker) breakerWithClock.invoke(name, config, clock);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("tocsin: this Resilience4j cannot build a circuit breaker: " + unusable());
    }

    public RateLimiter limiter(String name, RateLimiterConfig config, Clock clock) {
        if (limiterWithNanos == null) {
            return RateLimiter.of(name, config);
        }
        Supplier<Long> nanos = () -> nanos(clock);
        try {
            return (RateLimiter) limiterWithNanos.invoke(name, config, nanos);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The clock as nanoseconds since the epoch: the limiter only compares differences. */
    static long nanos(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static Resilience lookUp() {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle configClock = find(() -> lookup.findVirtual(CircuitBreakerConfig.Builder.class, "clock",
                MethodType.methodType(CircuitBreakerConfig.Builder.class, Clock.class)));
        MethodHandle breakerWithClock = configClock != null ? null : find(() -> lookup.findConstructor(
                Class.forName("io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine", false,
                        CircuitBreaker.class.getClassLoader()),
                MethodType.methodType(void.class, String.class, CircuitBreakerConfig.class, Clock.class)));
        MethodHandle limiterWithNanos = find(() -> lookup.findStatic(RateLimiter.class, "of",
                MethodType.methodType(RateLimiter.class, String.class, RateLimiterConfig.class, Supplier.class)));
        return new Resilience(configClock, breakerWithClock, limiterWithNanos);
    }

    private interface Lookup {
        MethodHandle find() throws ReflectiveOperationException;
    }

    private static MethodHandle find(Lookup lookup) {
        try {
            return lookup.find();
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return null;
        }
    }
}
