package dev.tocsin.internal.config;

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

/**
 * The checked, immutable settings of one client, made from a {@link Draft} the public builder filled in. Read by
 * name: each setting has an accessor of its own.
 */
public final class Settings {
    private final List<Destination> destinations;
    private final String source;
    private final int queueCapacity;
    private final long queueBytes;
    private final int bufferCapacity;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final Duration throttleFloor;
    private final Duration deliveryDeadline;
    private final Duration coalesceWindow;
    private final int ratePermits;
    private final Duration ratePeriod;
    private final CircuitBreakerConfig breaker;
    private final Duration shutdownTimeout;
    private final Clock clock;
    private final List<TocsinListener> listeners;
    private final Path spoolDir;
    private final Sync syncPolicy;
    private final int spoolMaxEvents;
    private final long spoolMaxBytes;
    private final boolean closeOnExit;
    private final RoutePlan routes;
    private final List<dev.tocsin.rules.Rule> rules;
    private final List<dev.tocsin.rules.ScheduledMaintenance> maintenance;
    private final int floodKeys;
    private final Duration floodPeriod;

    private Settings(Draft d, String source, RoutePlan routes) {
        this.routes = routes;
        this.destinations = routes.destinations();
        this.rules = List.copyOf(d.rules);
        this.maintenance = List.copyOf(d.maintenance);
        this.floodKeys = d.floodKeys;
        this.floodPeriod = d.floodPeriod;
        this.source = source;
        this.queueCapacity = d.queueCapacity;
        this.queueBytes = d.queueBytes;
        this.bufferCapacity = d.bufferCapacity;
        this.connectTimeout = d.connectTimeout;
        this.requestTimeout = d.requestTimeout;
        this.backoffInitial = d.backoffInitial;
        this.backoffMax = d.backoffMax;
        this.throttleFloor = d.throttleFloor;
        this.deliveryDeadline = d.deliveryDeadline;
        this.coalesceWindow = d.coalesceWindow;
        this.ratePermits = d.ratePermits;
        this.ratePeriod = d.ratePeriod;
        this.breaker = d.breaker;
        this.shutdownTimeout = d.shutdownTimeout;
        this.clock = d.clock;
        this.listeners = List.copyOf(d.listeners);
        this.spoolDir = d.spoolDir == null ? null : d.spoolDir.toAbsolutePath();
        this.syncPolicy = d.syncPolicy;
        this.spoolMaxEvents = d.spoolMaxEvents;
        this.spoolMaxBytes = d.spoolMaxBytes;
        this.closeOnExit = d.closeOnExit;
    }

    /** Every destination, those that rules' routing keys add included. */
    public List<Destination> destinations() {
        return destinations;
    }

    public RoutePlan routes() {
        return routes;
    }

    public List<dev.tocsin.rules.Rule> rules() {
        return rules;
    }

    public List<dev.tocsin.rules.ScheduledMaintenance> maintenance() {
        return maintenance;
    }

    /** New keys per {@link #floodPeriod()} past which a lane folds; 0: never. */
    public int floodKeys() {
        return floodKeys;
    }

    public Duration floodPeriod() {
        return floodPeriod;
    }

    public String source() {
        return source;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public long queueBytes() {
        return queueBytes;
    }

    public int bufferCapacity() {
        return bufferCapacity;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration backoffInitial() {
        return backoffInitial;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    public Duration throttleFloor() {
        return throttleFloor;
    }

    public Duration deliveryDeadline() {
        return deliveryDeadline;
    }

    public Duration coalesceWindow() {
        return coalesceWindow;
    }

    public int ratePermits() {
        return ratePermits;
    }

    public Duration ratePeriod() {
        return ratePeriod;
    }

    public CircuitBreakerConfig breaker() {
        return breaker;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    public Clock clock() {
        return clock;
    }

    public List<TocsinListener> listeners() {
        return listeners;
    }

    public Path spoolDir() {
        return spoolDir;
    }

    public Sync syncPolicy() {
        return syncPolicy;
    }

    public int spoolMaxEvents() {
        return spoolMaxEvents;
    }

    public long spoolMaxBytes() {
        return spoolMaxBytes;
    }

    public boolean closeOnExit() {
        return closeOnExit;
    }


    /**
     * The mutable form the public builder fills in. It holds no defaults of its own: the builder starts it from
     * its documented {@code DEFAULT_*} constants, the one place they are written.
     */
    public static final class Draft {
        public final List<Destination> destinations = new ArrayList<>();
        /** The route name of each destination, parallel to {@link #destinations}; {@code null} for an unnamed one. */
        public final List<String> destinationNames = new ArrayList<>();
        public final List<TocsinListener> listeners = new ArrayList<>();
        public final List<dev.tocsin.rules.Rule> rules = new ArrayList<>();
        /** The destination of each routing key the rules name, made by the public builder. */
        public final java.util.Map<String, Destination> routingKeyDestinations = new java.util.LinkedHashMap<>();
        public final List<dev.tocsin.rules.ScheduledMaintenance> maintenance = new ArrayList<>();
        public dev.tocsin.rules.SeverityPolicy severityPolicy = dev.tocsin.rules.SeverityPolicy.none();
        /** Where triggers no rule or policy routes go; {@code null}: the unnamed destinations. */
        public List<String> defaultRoute;
        public int floodKeys;
        public Duration floodPeriod;
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
        /** Clusters given to the builder that were null or had no peers: refused by {@link #check()}. */
        public int emptyClusters;

        public Settings check() {
            if (emptyClusters > 0) {
                throw new IllegalStateException("tocsin: destination(Peers) was given a cluster with no peers");
            }
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
            if (floodKeys < 0) {
                throw new IllegalArgumentException("tocsin: floodThreshold.distinctKeys must not be negative (0 turns"
                        + " folding off), was " + floodKeys);
            }
            if (floodKeys > 0) {
                positive("floodThreshold.period", floodPeriod);
            }
            maintenance.forEach(m -> Objects.requireNonNull(m, "tocsin: maintenance window must not be null"));
            RoutePlan plan = RoutePlan.check(destinations, destinationNames, rules, severityPolicy, defaultRoute,
                    routingKeyDestinations);
            String src = source == null || source.isBlank() ? localHostName() : source.strip();
            return new Settings(this, src, plan);
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

    /** The host name: {@code HOSTNAME} or {@code COMPUTERNAME} if set, else the local host's name. */
    public static String localHostName() {
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
