package dev.tocsin.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** PagerDuty's limit: so many events per routing key within a sliding window. Off with a limit of 0. */
final class RateLimit {
    private final int events;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> seen = new HashMap<>();

    RateLimit(int events, Duration window, Clock clock) {
        this.events = events;
        this.window = window;
        this.clock = clock;
    }

    /** Whether one more event for this key is let through now; if so, it is counted. */
    synchronized boolean admit(String routingKey) {
        if (events == 0) {
            return true;
        }
        Instant now = clock.instant();
        Deque<Instant> times = seen.computeIfAbsent(routingKey, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
            times.removeFirst();
        }
        if (times.size() >= events) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
