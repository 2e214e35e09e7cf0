package dev.tocsin.internal.outbox;

import dev.tocsin.internal.config.Settings;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.report.RateLimitedLog;
import dev.tocsin.internal.resilience.Backoff;
import dev.tocsin.internal.resilience.RateLimit;
import dev.tocsin.internal.resilience.Resilience;
import dev.tocsin.spi.Destination;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wires one lane per lane key, each with its own breaker, rate limit and backoff. */
public final class Lanes {
    private Lanes() {
    }

    public static List<Lane> of(Settings s, Counters counters, RateLimitedLog warnings, Persistence persistence) {
        Map<String, Lane> byKey = new LinkedHashMap<>();
        Resilience resilience = Resilience.onClassPath();
        // The pace outside a burst: one permit per period/permits, not permits per period, since a fixed window
        // would let twice the limit through around a window's edge. RateLimit keeps the sliding window itself.
        RateLimiterConfig pace = RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(s.ratePeriod().dividedBy(s.ratePermits()))
                .timeoutDuration(Duration.ZERO)
                .build();
        for (Destination d : s.destinations()) {
            byKey.computeIfAbsent(d.laneKey(), k -> new Lane(d, s.bufferCapacity(),
                    resilience.breaker("tocsin-" + d.name(), s.breaker(), s.clock()),
                    new RateLimit(resilience.limiter("tocsin-" + d.name(), pace, s.clock()), s.ratePermits(),
                            s.ratePeriod()),
                    new Backoff(s.backoffInitial(), s.backoffMax()), s.throttleFloor(), counters, warnings,
                    persistence, s.clock()));
        }
        return List.copyOf(byKey.values());
    }
}
