package dev.tocsin;

import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.Engine;
import dev.tocsin.internal.config.Settings;
import dev.tocsin.internal.config.Sync;
import dev.tocsin.rules.Condition;
import dev.tocsin.rules.MaintenanceWindow;
import dev.tocsin.rules.Rule;
import dev.tocsin.rules.ScheduledMaintenance;
import dev.tocsin.rules.SeverityPolicy;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Peers;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.spi.TocsinListener;
import dev.tocsin.spi.TocsinStats;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The Tocsin client: turns trigger, acknowledge, resolve and change events into deliveries.
 *
 * <p>Every sending method returns at once and never throws: it does a cheap check, captures the event and
 * offers it to a bounded queue. Delivery happens on the client's own daemon thread ({@code tocsin-dispatch}),
 * with retries, circuit breaking, rate limiting and storm coalescing. The returned stage completes with the
 * outcome; ignoring it is fine. Stage callbacks that are registered run on an SDK thread, not the caller's.
 *
 * <p>Thread-safe. Build one per application with {@link #builder()} and {@link #close()} it on shutdown.
 */
public interface Tocsin extends AutoCloseable {

    /** Starts a builder with the documented defaults (see {@link Builder}). */
    static Builder builder() {
        return new Builder();
    }

    /** A client that sends nothing: every event completes at once as {@code DROPPED}. */
    static Tocsin noop() {
        return NoOpTocsin.INSTANCE;
    }

    /** Sends an alert. */
    CompletionStage<DeliveryResult> trigger(Alert alert);

    /** Triggers an incident with a summary and severity; the dedup key comes from the summary. */
    CompletionStage<DeliveryResult> trigger(String summary, Severity severity);

    /**
     * Sends an alert about a failure: when the alert has no dedup key, it comes from the exception
     * ({@link DedupKeys#of(Throwable)}), and the details gain its type, message and top frames. The exception
     * is read on the client's thread, so it must not be changed after this call.
     */
    CompletionStage<DeliveryResult> trigger(Alert alert, Throwable error);

    /**
     * Triggers an {@link Severity#ERROR} incident for a failure; the dedup key comes from the exception
     * ({@link DedupKeys#of(Throwable)}) and the details carry its type, message and top frames. The exception
     * is read on the client's thread, so it must not be changed after this call.
     */
    CompletionStage<DeliveryResult> trigger(String summary, Throwable error);

    /** Acknowledges the incident with the given dedup key. */
    CompletionStage<DeliveryResult> acknowledge(String dedupKey);

    /** Resolves the incident with the given dedup key. */
    CompletionStage<DeliveryResult> resolve(String dedupKey);

    /**
     * Offers an alert built later on the client's thread, with no stage to complete: the cheapest way in, for
     * hot paths such as a logging appender. Never blocks and never throws.
     *
     * @return {@code false} if it was not accepted (full queue, closed client); it is then counted as dropped
     */
    boolean offer(PendingAlert alert);

    /** Sends a change event (a deploy, a configuration change) to destinations that take them. */
    CompletionStage<DeliveryResult> change(ChangeEvent event);

    /**
     * Waits until every event accepted before this call has an outcome, or the timeout passes. This is the one
     * method that blocks, because its caller asks to wait.
     *
     * @return {@code true} if everything settled in time
     */
    boolean flush(Duration timeout);

    /**
     * Waits until every event accepted before this call is persisted: written to the spool and synced as its
     * {@link SyncPolicy} says, or already settled. Without a spool it waits for delivery, like
     * {@link #flush(Duration)}. Blocks, because its caller asks to wait.
     *
     * <p>A dropped event (a full spool or intake queue, say) was not persisted: if any event was dropped since the
     * previous call returned, this call returns {@code false}, so that a drop is never reported as persisted.
     *
     * @return {@code true} if everything was persisted in time and nothing was dropped since the previous call
     */
    boolean persist(Duration timeout);

    /** A snapshot of the counters and gauges. */
    TocsinStats stats();

    /**
     * Opens a maintenance window now, for {@code length}: until it ends or is {@linkplain MaintenanceWindow#close()
     * closed}, triggers that meet {@code matcher} are suppressed (counted, not sent); acknowledges and resolves are
     * still delivered. For a deploy pipeline: {@code tocsin.maintenance("deploy 1.4.2", Duration.ofMinutes(15),
     * Condition.of("component == 'checkout'"))}. Never blocks.
     *
     * @throws IllegalArgumentException if {@code length} is not positive or longer than 7 days, or the name is blank
     * @throws IllegalStateException if 1,000 windows are open (or closed within the last minute) already
     */
    default MaintenanceWindow maintenance(String name, Duration length, Condition matcher) {
        return dev.tocsin.internal.rules.Maintenance.inactive(name, length, matcher);
    }

    /** {@link #maintenance(String, Duration, Condition)} named {@code maintenance}. */
    default MaintenanceWindow maintenance(Duration length, Condition matcher) {
        return maintenance("maintenance", length, matcher);
    }

    /** The maintenance windows open now and the scheduled ones, soonest end first. */
    default List<MaintenanceWindow> maintenanceWindows() {
        return List.of();
    }

    /**
     * The names of the destinations this client sends to, one per lane (an Alertmanager cluster has one per peer),
     * such as {@code pagerduty(…6b08)}: never a secret. Empty for a client not made by {@link #builder()}.
     */
    default java.util.List<String> destinationNames() {
        return java.util.List.of();
    }

    /**
     * Stops taking events, sends what is pending within the shutdown timeout (default 5 s), then returns
     * even if a destination hangs. Events still pending then complete as {@code ABANDONED}. Idempotent.
     */
    @Override
    void close();

    /**
     * Builds a {@link Tocsin} client. Not thread-safe. Every setting is checked at {@link #build()}, which
     * names the setting in its error and never prints a secret.
     *
     * <p>Defaults (the {@code DEFAULT_*} constants): source = the host name; queue = 8,192 events or 8 MiB; lane
     * buffer = 10,000 events; connect timeout 5 s; request timeout 10 s; retries with exponential backoff and
     * jitter from 1 s up to 4 s (a lane whose destination stays down is probed every 2 to 4 s), at least 30 s after
     * a 429 without {@code Retry-After}; delivery deadline 1 h; storm window 60 s; rate limit 120 events per minute
     * per lane, 60 of them back to back; circuit breaker opening at 50 % failures over the last 20 sends (10 at
     * least) for 2 s, then one probe decides; shutdown timeout 5 s; spool of 100,000 events or 256 MiB, synced
     * for every event; a JVM shutdown hook that closes the client; the system UTC clock.
     */
    final class Builder {
        public static final int DEFAULT_QUEUE_CAPACITY = 8192;
        public static final long DEFAULT_QUEUE_BYTES = 8L << 20;
        public static final int DEFAULT_BUFFER_CAPACITY = 10_000;
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);
        public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(4);
        public static final Duration DEFAULT_THROTTLE_BACKOFF = Duration.ofSeconds(30);
        public static final Duration DEFAULT_DELIVERY_DEADLINE = Duration.ofHours(1);
        public static final Duration DEFAULT_COALESCE_WINDOW = Duration.ofSeconds(60);
        public static final int DEFAULT_RATE_PERMITS = 120;
        public static final Duration DEFAULT_RATE_PERIOD = Duration.ofMinutes(1);
        public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
        public static final int DEFAULT_SPOOL_EVENTS = 100_000;
        public static final long DEFAULT_SPOOL_BYTES = 256L << 20;
        public static final int DEFAULT_FLOOD_KEYS = 100;
        public static final Duration DEFAULT_FLOOD_PERIOD = Duration.ofMinutes(1);

        private final Settings.Draft draft = new Settings.Draft();

        Builder() {
            draft.queueCapacity = DEFAULT_QUEUE_CAPACITY;
            draft.queueBytes = DEFAULT_QUEUE_BYTES;
            draft.bufferCapacity = DEFAULT_BUFFER_CAPACITY;
            draft.connectTimeout = DEFAULT_CONNECT_TIMEOUT;
            draft.requestTimeout = DEFAULT_REQUEST_TIMEOUT;
            draft.backoffInitial = DEFAULT_BACKOFF_INITIAL;
            draft.backoffMax = DEFAULT_BACKOFF_MAX;
            draft.throttleFloor = DEFAULT_THROTTLE_BACKOFF;
            draft.deliveryDeadline = DEFAULT_DELIVERY_DEADLINE;
            draft.coalesceWindow = DEFAULT_COALESCE_WINDOW;
            draft.ratePermits = DEFAULT_RATE_PERMITS;
            draft.ratePeriod = DEFAULT_RATE_PERIOD;
            draft.breaker = defaultCircuitBreaker();
            draft.shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
            draft.clock = Clock.systemUTC();
            draft.syncPolicy = Sync.EVERY_EVENT;
            draft.spoolMaxEvents = DEFAULT_SPOOL_EVENTS;
            draft.spoolMaxBytes = DEFAULT_SPOOL_BYTES;
            draft.closeOnExit = true;
            draft.floodKeys = DEFAULT_FLOOD_KEYS;
            draft.floodPeriod = DEFAULT_FLOOD_PERIOD;
        }

        /**
         * The default circuit breaker: opens at 50 % failures over the last 20 sends (10 at least), for 2 s, then
         * one probe decides. Its open state lasts no longer than the backoff's floor at its cap (2 s), so that the
         * breaker never holds back a probe the backoff allows, and a recovered destination is found within 4 s.
         */
        public static CircuitBreakerConfig defaultCircuitBreaker() {
            return CircuitBreakerConfig.custom()
                    .failureRateThreshold(50)
                    .slidingWindowSize(20)
                    .minimumNumberOfCalls(10)
                    .waitDurationInOpenState(Duration.ofSeconds(2))
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .build();
        }

        /** The settings as filled in so far, for the engine's tests. */
        Settings.Draft draft() {
            return draft;
        }

        /**
         * Adds a destination. At least one is required. A destination added without a name takes every trigger that no
         * rule or severity policy routes elsewhere (the default route), and the acknowledges and resolves of what it
         * took (and of keys the client does not remember, which go to every destination).
         */
        public Builder destination(Destination destination) {
            draft.destinations.add(destination);
            draft.destinationNames.add(null);
            return this;
        }

        /**
         * Adds a destination under a route name, for {@link Rule rules} and the {@link SeverityPolicy}: it takes the
         * triggers routed to that name (and the default route's, if {@link #defaultRoute(String...)} names it), and the
         * acknowledges and resolves of what it took. Names are letters, digits, {@code -} and {@code _}; one name may
         * stand for several destinations.
         */
        public Builder destination(String name, Destination destination) {
            draft.destinations.add(destination);
            draft.destinationNames.add(name == null ? "" : name);
            return this;
        }

        /** Adds every peer of a cluster under one route name, as {@link #destination(String, Destination)}. */
        public Builder destination(String name, Peers cluster) {
            List<Destination> peers = cluster == null ? null : cluster.peers();
            if (peers == null || peers.isEmpty()) {
                draft.emptyClusters++;
            } else {
                for (Destination peer : peers) {
                    destination(name, peer);
                }
            }
            return this;
        }

        /**
         * Adds a rule, evaluated after the ones added before it, for every trigger before it leaves the process.
         * Routes a rule names must be destinations of this client; {@link #build()} checks.
         */
        public Builder rule(Rule rule) {
            draft.rules.add(rule);
            return this;
        }

        /** Adds rules in order, as {@link #rule(Rule)}. */
        public Builder rules(List<Rule> rules) {
            if (rules == null) {
                draft.rules.add(null); // refused at build()
            } else {
                draft.rules.addAll(rules);
            }
            return this;
        }

        /**
         * The severity policy: named destinations per severity, for triggers no rule routed. Replaces hand-written
         * {@link Destinations#forSeverities} wiring.
         */
        public Builder severityPolicy(SeverityPolicy policy) {
            draft.severityPolicy = policy;
            return this;
        }

        /**
         * Where triggers that no rule or severity policy routes go: these named destinations. By default, the
         * destinations added without a name; if every destination has a name and something can reach the default
         * route, {@link #build()} asks for this.
         */
        public Builder defaultRoute(String... names) {
            draft.defaultRoute = names == null ? null : List.of(names);
            return this;
        }

        /** Adds a scheduled maintenance window (recurring or one-off, in its time zone). */
        public Builder maintenance(ScheduledMaintenance window) {
            draft.maintenance.add(window);
            return this;
        }

        /**
         * The flood threshold of each lane: past {@code distinctKeys} new dedup keys within {@code period} (default 100
         * in 1 minute, below PagerDuty's 120 events a minute per routing key), triggers of further new keys are folded
         * into one summary alert for the lane, with counts and examples. It goes ahead of the lane's backlog, is updated
         * at most once per storm window and is resolved once a whole period sees at most half the threshold of new
         * keys. Triggers of keys the lane already sent, triggers more severe than any in the flood, acknowledges and
         * resolves pass as usual. {@code 0} keys turns folding off.
         */
        public Builder floodThreshold(int distinctKeys, Duration period) {
            draft.floodKeys = distinctKeys; // negative: refused at build()
            draft.floodPeriod = period;
            return this;
        }

        /**
         * Adds every peer of a cluster (an Alertmanager HA cluster), each as a destination with a lane of its own, so
         * that a dead peer neither blocks nor loses deliveries to the others.
         */
        public Builder destination(Peers cluster) {
            List<Destination> peers = cluster == null ? null : cluster.peers();
            if (peers == null || peers.isEmpty()) {
                draft.emptyClusters++; // refused at build(), which names the setting
            } else {
                peers.forEach(this::destination);
            }
            return this;
        }

        /** The default source of alerts: the host, service or application name. */
        public Builder source(String source) {
            draft.source = source;
            return this;
        }

        /**
         * How many events the intake queue holds before it sheds: a more severe event then takes the place of the
         * least severe queued one, and an event not more severe than anything queued is dropped.
         */
        public Builder queueCapacity(int events) {
            draft.queueCapacity = events;
            return this;
        }

        /** How many bytes (estimated) the intake queue holds before it sheds, as for {@link #queueCapacity}. */
        public Builder queueBytes(long bytes) {
            draft.queueBytes = bytes;
            return this;
        }

        /**
         * How many deliveries one lane holds in memory while its destination is down (default 10,000). Without a
         * spool this is the lane's bound: past it a more severe delivery takes the place of the newest of the least
         * severe ones, and one not more severe than any is dropped. With the {@link #spool(java.nio.file.Path)
         * spool} on, the spool's capacity is the bound: past this many, deliveries wait on disk only, with a small
         * entry each in memory, and are read back in order as the lane drains.
         */
        public Builder bufferCapacity(int events) {
            draft.bufferCapacity = events;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            draft.connectTimeout = timeout;
            return this;
        }

        /** How long one request may take, from sending to the end of the response. */
        public Builder requestTimeout(Duration timeout) {
            draft.requestTimeout = timeout;
            return this;
        }

        /**
         * The backoff between retries: retry {@code n} waits a uniform time between half and all of
         * {@code min(max, initial × 2^(n-1))}. A lane whose destination stays down is thus probed once every
         * {@code max/2} to {@code max}, and {@code max} is also the longest a recovered destination waits for its
         * next probe. After a success the lane sends at once again, as fast as the rate limit allows.
         */
        public Builder backoff(Duration initial, Duration max) {
            draft.backoffInitial = initial;
            draft.backoffMax = max;
            return this;
        }

        /** The least wait after a 408 or 429 that carries no {@code Retry-After}. */
        public Builder throttleBackoff(Duration floor) {
            draft.throttleFloor = floor;
            return this;
        }

        /** How long an event may wait for delivery before it is dead-lettered. */
        public Builder deliveryDeadline(Duration deadline) {
            draft.deliveryDeadline = deadline;
            return this;
        }

        /** The storm window: repeats of a trigger inside it are counted and sent as one update at its end. */
        public Builder coalesceWindow(Duration window) {
            draft.coalesceWindow = window;
            return this;
        }

        /**
         * At most {@code permits} sends in any window of {@code period} on each lane (a sliding window, as PagerDuty
         * counts). Half of them may go back to back, so that a backlog leaves at once when a destination recovers;
         * past that, sends are spread so that the rest of the window lasts (never closer than one every
         * {@code period / permits}), and the lane slows down rather than stalls. Sends that the server did not take
         * (no answer, or 5xx) do not count.
         */
        public Builder rateLimit(int permits, Duration period) {
            draft.ratePermits = permits;
            draft.ratePeriod = period;
            return this;
        }

        /**
         * The circuit breaker settings for each lane (Resilience4j); the client's clock replaces theirs. While the
         * breaker is open the lane sends nothing, so its open-state wait adds to the time a recovered destination
         * waits for its next probe: keep it no longer than half the backoff's {@code max} (the default is 2 s, with
         * one call in the half-open state).
         */
        public Builder circuitBreaker(CircuitBreakerConfig config) {
            draft.breaker = config;
            return this;
        }

        /** How long {@link Tocsin#close()} may take. */
        public Builder shutdownTimeout(Duration timeout) {
            draft.shutdownTimeout = timeout;
            return this;
        }

        /**
         * Whether a JVM shutdown hook closes the client when the JVM exits (default {@code true}): what is still
         * queued when {@code main} returns or {@code System.exit} is called is then sent, within the shutdown
         * timeout, instead of being lost. {@link Tocsin#close()} removes the hook. Turn it off only when something
         * else closes the client at exit (a container that manages its lifecycle, say).
         */
        public Builder closeOnExit(boolean close) {
            draft.closeOnExit = close;
            return this;
        }

        /**
         * Switches the durable spool on: events are written to this directory (created owner-only) before they
         * count as persisted, survive a crash or {@code kill -9}, and are replayed on the next start. One client
         * per directory; a second is refused at {@link #build()}. A directory that cannot be used (read-only,
         * full) leaves the client running in memory, with an error in the log.
         */
        public Builder spool(java.nio.file.Path directory) {
            draft.spoolDir = directory;
            return this;
        }

        /** When the spool forces writes to the device (default {@link SyncPolicy#EVERY_EVENT}). */
        public Builder spoolSync(SyncPolicy policy) {
            draft.syncPolicy = policy == null ? null : switch (policy) {
                case EVERY_EVENT -> Sync.EVERY_EVENT;
                case GROUP_COMMIT -> Sync.GROUP_COMMIT;
                case NONE -> Sync.NONE;
            };
            return this;
        }

        /** The most undelivered events the spool holds (default 100,000 events, 256 MiB); then the newest is dropped. */
        public Builder spoolCapacity(int events, long bytes) {
            draft.spoolMaxEvents = events;
            draft.spoolMaxBytes = bytes;
            return this;
        }

        /**
         * The clock for timestamps, windows, backoff, deadlines, the circuit breaker's open state and the rate
         * limit's sliding window; also for the rate limit's pace past its burst with Resilience4j 2.4 or later
         * (older releases time that with {@link System#nanoTime()}).
         */
        public Builder clock(Clock clock) {
            draft.clock = clock;
            return this;
        }

        /** Adds a listener, such as {@code dev.tocsin.micrometer.TocsinMetrics}. */
        public Builder listener(TocsinListener listener) {
            draft.listeners.add(listener);
            return this;
        }

        /**
         * Checks the settings and starts the client.
         *
         * @throws IllegalArgumentException if a setting is invalid; the message names it
         * @throws IllegalStateException if no destination was added, or if a library on the class path (Jackson,
         *     Resilience4j, SLF4J, or Micrometer when its binding is a listener) is outside the supported versions;
         *     the message names the library, the version found and the versions supported
         */
        public Tocsin build() {
            routingKeyDestinations();
            return new Client(Engine.start(draft.check()));
        }

        /** Each routing key a rule names becomes a destination like the first PagerDuty one (same endpoint, settings). */
        private void routingKeyDestinations() {
            draft.routingKeyDestinations.clear();
            for (Rule r : draft.rules) {
                for (String key : r == null ? List.<String>of() : r.routingKeys()) {
                    if (draft.routingKeyDestinations.containsKey(key)) {
                        continue;
                    }
                    dev.tocsin.pagerduty.PagerDutyDestination like = draft.destinations.stream()
                            .filter(dev.tocsin.pagerduty.PagerDutyDestination.class::isInstance)
                            .map(dev.tocsin.pagerduty.PagerDutyDestination.class::cast).findFirst().orElse(null);
                    if (like == null) {
                        throw new dev.tocsin.rules.InvalidRuleException("rule '" + r.name() + "'", "routingKey",
                                "needs a PagerDuty destination on the client to send like (endpoint and settings); add"
                                        + " one");
                    }
                    try {
                        draft.routingKeyDestinations.put(key, like.withRoutingKey(key));
                    } catch (IllegalArgumentException e) {
                        throw new dev.tocsin.rules.InvalidRuleException("rule '" + r.name() + "'", "routingKey",
                                "must be 32 letters and digits (a PagerDuty integration key)");
                    }
                }
            }
        }
    }
}
