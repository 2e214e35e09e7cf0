package dev.tocsin.internal.config;

import dev.tocsin.internal.config.Sync;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.TocsinListener;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The checked, immutable settings of one client. */
public record Settings(
        List<Destination> destinations,
        String source,
        int queueCapacity,
        long queueBytes,
        int bufferCapacity,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration backoffInitial,
        Duration backoffMax,
        Duration throttleFloor,
        Duration deliveryDeadline,
        Duration coalesceWindow,
        int ratePermits,
        Duration ratePeriod,
        CircuitBreakerConfig breaker,
        Duration shutdownTimeout,
        Clock clock,
        List<TocsinListener> listeners,
        Path spoolDir,
        Sync syncPolicy,
        int spoolMaxEvents,
        long spoolMaxBytes,
        boolean closeOnExit) {

    /**
     * The mutable form the public builder fills in. It holds no defaults of its own: the builder starts it from
     * its documented {@code DEFAULT_*} constants, the one place they are written.
     */
    public static final class Draft {
        public final List<Destination> destinations = new ArrayList<>();
        public final List<TocsinListener> listeners = new ArrayList<>();
        public String source;
        public int queueCapacity;
        public long queueBytes;
        public int bufferCapacity;
        public Duration connectTimeout;
        public Duration requestTimeout;
        public Duration backoffInitial;
        /** Also the longest a recovered destination waits for the lane's next probe. */
        public Duration backoffMax;
        public Duration throttleFloor;
        public Duration deliveryDeadline;
        public Duration coalesceWindow;
        public int ratePermits;
        public Duration ratePeriod;
        public CircuitBreakerConfig breaker;
        public Duration shutdownTimeout;
        public Clock clock;
        public Path spoolDir;
        public Sync syncPolicy;
        public int spoolMaxEvents;
        public long spoolMaxBytes;
        public boolean closeOnExit;

        public Settings check() {
            if (destinations.isEmpty()) {
                throw new IllegalStateException("tocsin: no destination: add one with destination(...)");
            }
            destinations.forEach(d -> Objects.requireNonNull(d, "tocsin: destination must not be null"));
            listeners.forEach(l -> Objects.requireNonNull(l, "tocsin: listener must not be null"));
            positive("queueCapacity", queueCapacity);
            positive("queueBytes", queueBytes);
            positive("bufferCapacity", bufferCapacity);
            positive("rateLimit.permits", ratePermits);
            positive("connectTimeout", connectTimeout);
            positive("requestTimeout", requestTimeout);
            positive("backoff.initial", backoffInitial);
            positive("backoff.max", backoffMax);
            if (backoffMax.compareTo(backoffInitial) < 0) {
                throw new IllegalArgumentException("tocsin: backoff.max must not be less than backoff.initial");
            }
            positive("throttleBackoff", throttleFloor);
            positive("deliveryDeadline", deliveryDeadline);
            positive("coalesceWindow", coalesceWindow);
            positive("rateLimit.period", ratePeriod);
            positive("shutdownTimeout", shutdownTimeout);
            Objects.requireNonNull(breaker, "tocsin: circuitBreaker must not be null");
            Objects.requireNonNull(clock, "tocsin: clock must not be null");
            Objects.requireNonNull(syncPolicy, "tocsin: spoolSync must not be null");
            positive("spoolCapacity.events", spoolMaxEvents);
            positive("spoolCapacity.bytes", spoolMaxBytes);
            String src = source == null || source.isBlank() ? localHostName() : source.strip();
            return new Settings(List.copyOf(destinations), src, queueCapacity, queueBytes, bufferCapacity,
                    connectTimeout, requestTimeout, backoffInitial, backoffMax, throttleFloor, deliveryDeadline,
                    coalesceWindow, ratePermits, ratePeriod, breaker, shutdownTimeout, clock,
                    List.copyOf(listeners), spoolDir == null ? null : spoolDir.toAbsolutePath(), syncPolicy,
                    spoolMaxEvents, spoolMaxBytes, closeOnExit);
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("tocsin: " + name + " must be positive, was " + value);
            }
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("tocsin: " + name + " must be a positive duration, was " + value);
            }
        }
    }

    static String localHostName() {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
