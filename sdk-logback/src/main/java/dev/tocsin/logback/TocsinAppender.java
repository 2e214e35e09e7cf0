package dev.tocsin.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.tocsin.Tocsin;
import dev.tocsin.internal.Settings;
import dev.tocsin.pagerduty.PagerDutyDestination;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Marker;

/**
 * A Logback appender that pages: each distinct failure logged at or above the threshold (default
 * {@code ERROR}) triggers one incident, keyed as {@link dev.tocsin.DedupKeys} describes, so the same failure on
 * many hosts or in a storm of log lines is one incident.
 *
 * <pre>{@code
 * <appender name="PAGER" class="dev.tocsin.logback.TocsinAppender">
 *   <routingKey>${TOCSIN_ROUTING_KEY}</routingKey>
 *   <source>checkout-service</source>
 *   <mdcKeys>orderId,tenant</mdcKeys>
 *   <runbookUrl>https://runbooks.example.com/{component}</runbookUrl>
 * </appender>
 * }</pre>
 *
 * <p>On the logging thread it does a level and marker check, captures references to what Logback already made
 * (message pattern, arguments, exception, MDC) and makes one bounded, non-blocking offer to the client. Message
 * formatting, fingerprinting, stack-trace rendering and JSON happen on the client's thread. Events from
 * {@code dev.tocsin} loggers and from SDK threads ({@code tocsin-*}) are ignored, so the SDK never pages about
 * itself through itself. The appender reports its own trouble through Logback's status API.
 *
 * <p>Severity: ERROR → error, WARN → warning, lower → info; the {@link TocsinMarkers#CRITICAL} marker or the
 * MDC key {@code tocsin.severity} (critical, error, warning, info) overrides it. The MDC key
 * {@code tocsin.dedupKey} sets the dedup key, {@code tocsin.component} the component.
 *
 * <p>A misconfigured appender (no routing key, a bad endpoint, a library outside the supported versions) starts as
 * a no-op with one status error; on a Logback older than 1.3 it stays stopped with one status error. It never
 * breaks the application's logging.
 */
public final class TocsinAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final long DROP_WARNING_INTERVAL_MS = 30_000;

    private String routingKey;
    private String endpoint = PagerDutyDestination.DEFAULT_ENDPOINT;
    private boolean allowInsecureHttp;
    private Level threshold = Level.ERROR;
    private String source;
    private String component;
    private List<String> mdcKeys = List.of();
    private int stackDepth = 25;
    private String runbookUrl;
    private ch.qos.logback.core.util.Duration autoResolveAfter;
    private int queueCapacity = Settings.DEFAULT_QUEUE_CAPACITY;
    private Clock clock = Clock.systemUTC();

    private Tocsin shared;
    private volatile Tocsin tocsin;
    private boolean ownsClient;
    private AppenderSettings settings;
    private AutoResolver autoResolver;
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong lastDropWarning = new AtomicLong();

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        String unsupported = LogbackVersion.problem();
        if (unsupported != null) {
            // Left stopped, the appender is skipped by Logback: append() never calls what this Logback lacks.
            addError("Tocsin appender [" + getName() + "] is not paging: tocsin: " + unsupported
                    + ". It stays stopped; the application's logging is not affected.");
            return;
        }
        Tocsin client = shared;
        ownsClient = false;
        if (client == null) {
            try {
                client = Tocsin.builder()
                        .destination(PagerDutyDestination.builder().routingKey(routingKey).endpoint(endpoint)
                                .allowInsecureHttp(allowInsecureHttp).build())
                        .source(source)
                        .queueCapacity(queueCapacity)
                        .build();
                ownsClient = true;
            } catch (RuntimeException e) {
                addError("Tocsin appender [" + getName() + "] is not paging: " + e.getMessage()
                        + ". It runs as a no-op; the application's logging is not affected.");
                client = Tocsin.noop();
            }
        }
        if (autoResolveAfter != null && autoResolveAfter.getMilliseconds() > 0 && client != Tocsin.noop()) {
            autoResolver = new AutoResolver(client, java.time.Duration.ofMillis(autoResolveAfter.getMilliseconds()),
                    clock);
        }
        AutoResolver resolver = autoResolver;
        settings = new AppenderSettings(source, component, mdcKeys, stackDepth, runbookUrl,
                resolver == null ? key -> { } : resolver::observed, new FingerprintCache());
        tocsin = client;
        super.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        if (autoResolver != null) {
            autoResolver.close();
            autoResolver = null;
        }
        if (ownsClient) {
            tocsin.close();
        }
        tocsin = null;
    }

    @Override
    protected void append(ILoggingEvent event) {
        Level level = event.getLevel();
        List<Marker> markers = event.getMarkerList();
        boolean critical = has(markers, TocsinMarkers.CRITICAL);
        boolean forced = critical || has(markers, TocsinMarkers.PAGE);
        if (!forced && !level.isGreaterOrEqual(threshold) || has(markers, TocsinMarkers.NO_PAGE)) {
            return;
        }
        String logger = event.getLoggerName();
        if (logger.startsWith("dev.tocsin") || Thread.currentThread().getName().startsWith("tocsin-")) {
            return; // never page about the SDK through the SDK
        }
        IThrowableProxy proxy = event.getThrowableProxy();
        Throwable error = proxy instanceof ThrowableProxy p ? p.getThrowable() : null;
        Map<String, String> mdc = mdc(event);
        Tocsin client = tocsin;
        if (client == null) {
            return;
        }
        if (!client.offer(new LogRecord(settings, event.getTimeStamp(), level, logger, event.getThreadName(),
                event.getMessage(), event.getArgumentArray(), error, mdc, critical))) {
            reportDrop();
        }
    }

    /** The MDC as Logback already captured it (no copy); empty if the context has no MDC adapter. */
    private static Map<String, String> mdc(ILoggingEvent event) {
        try {
            Map<String, String> mdc = event.getMDCPropertyMap();
            return mdc == null ? Map.of() : mdc;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static boolean has(List<Marker> markers, Marker wanted) {
        if (markers == null) {
            return false;
        }
        for (Marker m : markers) {
            if (m == wanted || m.contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Counts drops and says so through the status API at most every 30 s. */
    private void reportDrop() {
        dropped.increment();
        long now = System.currentTimeMillis();
        long last = lastDropWarning.get();
        if (now - last >= DROP_WARNING_INTERVAL_MS && lastDropWarning.compareAndSet(last, now)) {
            addWarn("Tocsin appender [" + getName() + "] dropped events: the client did not accept them (full "
                    + "queue or closed client); " + dropped.sum() + " dropped so far");
        }
    }

    /** How many log events this appender could not hand to the client. */
    public long getDroppedCount() {
        return dropped.sum();
    }

    /** Shares a client made elsewhere (the Spring starter does); the appender will not close it. */
    public void setTocsin(Tocsin tocsin) {
        this.shared = tocsin;
    }

    /**
     * Moves a started appender to another shared client, for example from the client made before a Spring
     * context started to the one the context built. Events already offered stay with the old client, whose
     * owner closes it. Thread-safe.
     */
    public void handOver(Tocsin client) {
        this.shared = client;
        if (isStarted()) {
            if (ownsClient) {
                tocsin.close();
                ownsClient = false;
            }
            tocsin = client;
            if (autoResolver != null) {
                autoResolver.useClient(client);
            }
        }
    }

    /** The Events API v2 integration key; used when no client is shared. */
    public void setRoutingKey(String routingKey) {
        this.routingKey = routingKey;
    }

    /** The Events API endpoint (default PagerDuty's); HTTPS unless loopback or {@code allowInsecureHttp}. */
    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public void setAllowInsecureHttp(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    /** The lowest level that pages (default ERROR). */
    public void setThreshold(String threshold) {
        Level parsed = Level.toLevel(threshold, null);
        if (parsed == null) {
            addError("Tocsin appender: unknown threshold '" + threshold + "'; keeping " + this.threshold);
        } else {
            this.threshold = parsed;
        }
    }

    /** The alert source: host, service or application name (default the host name). */
    public void setSource(String source) {
        this.source = source;
    }

    /** A fixed component; by default the MDC key {@code tocsin.component}, else the logger's simple name. */
    public void setComponent(String component) {
        this.component = component;
    }

    /** The MDC keys copied into the alert's details, comma-separated (an allow list; default none). */
    public void setMdcKeys(String keys) {
        this.mdcKeys = Arrays.stream(keys.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    /** How many frames of each exception the details show (default 25). */
    public void setStackDepth(int stackDepth) {
        this.stackDepth = Math.max(1, stackDepth);
    }

    /** A runbook link template; {@code {component}}, {@code {logger}} and {@code {key}} are filled in. */
    public void setRunbookUrl(String runbookUrl) {
        this.runbookUrl = runbookUrl;
    }

    /** Resolves a log-born incident after this quiet period with no new occurrence (default: never). */
    public void setAutoResolveAfter(ch.qos.logback.core.util.Duration quiet) {
        this.autoResolveAfter = quiet;
    }

    /** The intake queue of the client the appender owns (default 8192 events). */
    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }
}
