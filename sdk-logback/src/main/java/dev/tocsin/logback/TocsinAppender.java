package dev.tocsin.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.tocsin.Tocsin;
import dev.tocsin.compat.Compatibility;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.rules.MaintenanceSpec;
import dev.tocsin.rules.Rule;
import dev.tocsin.rules.RuleSpec;
import dev.tocsin.spi.Scrubbing;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.SubstituteLoggerFactory;

/**
 * A Logback appender that pages: each distinct failure logged at or above the threshold (default
 * {@code ERROR}) triggers one incident, keyed as {@link dev.tocsin.event.DedupKeys} describes, so the same failure on
 * many hosts or in a storm of log lines is one incident.
 *
 * <pre>{@code
 * <appender name="PAGER" class="dev.tocsin.logback.TocsinAppender">
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
 * <p>Routing key: {@code <routingKey>}, else the environment variable {@code TOCSIN_ROUTING_KEY} (there is no system
 * property: a {@code -D} argument shows in every process listing). Leave {@code <routingKey>} out rather than
 * writing {@code <routingKey>${TOCSIN_ROUTING_KEY}</routingKey>}: Logback records every value it substitutes in a
 * status message ({@code value "…" substituted for "${TOCSIN_ROUTING_KEY}"}) and prints all statuses on any
 * configuration warning. The appender cannot stop that message being made; it masks the key in the recorded
 * statuses unless a status listener ({@code debug="true"}) has printed them already. Logback's placeholder for an
 * undefined variable, {@code NAME_IS_UNDEFINED}, counts as not set, and is reported as such.
 *
 * <p>Summary: the first line of the formatted message — unless, with an exception attached, the message only wraps
 * it. Then the summary is the root cause's type and message, and the logged message is kept in the details as
 * {@code message}. A message only wraps its exception when it is blank; when it says no more than that something
 * failed ({@code "Error"}, {@code "Unexpected exception:"}, {@code "An error occurred."}, whatever the case and
 * trailing punctuation); or when it starts as a container or framework reports an exception thrown through it:
 * Tomcat's {@code Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception},
 * Undertow's {@code UT005023: Exception handling request to …}, Jetty's bare request path, Spring's
 * {@code Request processing failed}, {@code Unexpected error occurred in scheduled task},
 * {@code Unexpected exception occurred invoking async method} and {@code Application run failed}, Netty's
 * {@code An exceptionCaught() event was fired, and it reached at the tail of the pipeline}, and
 * {@code Exception in thread "…"}. The dedup key is the exception's fingerprint either way.
 *
 * <p>Rules: {@code <rule>} elements, with the fields of {@code tocsin.rules[n].*} in {@code application.yml}
 * ({@link RuleSpec}), suppress, re-rate, re-key, annotate or trim triggers, or send them to another PagerDuty routing
 * key, in order, before they leave the process; {@code <maintenance>} elements ({@link MaintenanceSpec}) suppress
 * triggers in scheduled windows; {@code <floodThreshold>} and {@code <floodPeriod>} fold a flood of new keys into one
 * alert. Conditions read the whole MDC as {@code mdc.<key>}, not only the {@code mdcKeys} copied into the details; in
 * XML, write {@code <} as {@code &lt;}.
 *
 * <pre>{@code
 * <rule>
 *   <name>flaky-dns</name>
 *   <when>exception == 'java.net.UnknownHostException' and mdc.env == 'staging'</when>
 *   <suppress>always</suppress>
 * </rule>
 * <rule>
 *   <name>payments</name>
 *   <when>logger matches '^com\.example\.payments\.'</when>
 *   <routingKey>${PAYMENTS_SECRET}</routingKey>
 *   <link>https://runbooks.example.com/{component}</link>
 *   <linkText>Runbook</linkText>
 *   <stop>true</stop>
 * </rule>
 * <maintenance>
 *   <name>nightly-backup</name><days>SAT,SUN</days><from>02:00</from><to>04:00</to><zone>Europe/Berlin</zone>
 * </maintenance>
 * }</pre>
 *
 * They apply to the client the appender builds only: a shared client ({@link #setTocsin}) keeps its own rules, and
 * an appender given both says so in a status warning. A rule's routing key is a secret, as the appender's is: give it
 * in a variable whose name contains {@code SECRET} (or {@code PASSWORD}, {@code CONFIDENTIAL}), whose value Logback
 * masks in its own status message; any other key that Logback's substitution echoes, the appender masks in the
 * recorded statuses as it does its own. {@link #start()} checks every rule and window before any client is built.
 *
 * <p>A misconfigured appender (no routing key, a bad endpoint, a library outside the supported versions; a rule or
 * maintenance window with a bad regular expression, an unknown field or element, a {@code <route>} other than
 * {@code pagerduty} — the appender's own destination, named as in the Spring starter —, a malformed suppress,
 * duration or time zone, an unset variable)
 * starts as a no-op with one status error, which names the rule and the field for a rule; on a Logback older than
 * 1.3 it stays stopped with one status error. It never breaks the application's logging.
 *
 * <p>Life cycle: the appender never logs through SLF4J, and neither does the client while Logback initialises.
 * Started during SLF4J's initialisation (a {@code logback.xml} read at start-up), it checks its settings at once
 * but builds its own client on the short-lived {@code tocsin-appender-start} thread once SLF4J has finished
 * initialising (anything logged during initialisation would be replayed by SLF4J with a warning); events that
 * page before then are held, up to 1,000, and passed on in order. No logging thread ever builds a client.
 * {@link #stop()}, which Logback calls when its context stops or is reset, closes the client the appender built
 * (delivering what is pending within the client's shutdown timeout). A JVM shutdown hook also closes it at exit, so
 * that what a {@code main} logs just before it returns still pages; the exit then waits at most the shutdown timeout
 * for it. {@code <closeOnExit>false</closeOnExit>} leaves that hook out, for when something else stops Logback at
 * exit. A shared client is never closed by the appender, at exit or otherwise: it is its owner's.
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
    private int queueCapacity = Tocsin.Builder.DEFAULT_QUEUE_CAPACITY;
    private ch.qos.logback.core.util.Duration shutdownTimeout;
    private boolean closeOnExit = true;
    private Clock clock = Clock.systemUTC();

    /** Reads the environment; tests replace it. */
    Function<String, String> env = System::getenv;
    /** Whether SLF4J is initialising now; tests replace it. */
    BooleanSupplier slf4jStarting = TocsinAppender::slf4jInitialising;

    private Tocsin shared;
    private final ConfiguredRules configured = new ConfiguredRules();
    private final IgnoredElements ignored = new IgnoredElements();
    /** The rules of the client the appender builds, as checked at start. */
    private volatile List<Rule> rules = List.of();
    private volatile AppenderSettings settings;
    private volatile AutoResolver autoResolver;
    private final AppenderClient client = new AppenderClient(this::notPaging, c -> {
        AutoResolver resolver = autoResolver;
        if (resolver != null) {
            resolver.useClient(c);
        }
    });
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final LongAdder dropped = new LongAdder();
    /** False for a misconfigured appender: it said so once at start, and its events are not drops. */
    private volatile boolean paging;
    private final AtomicLong lastDropWarning = new AtomicLong();

    @Override
    public void start() {
        lifecycle.lock();
        try {
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
            rules = List.of();
            if (shared != null && !configured.isEmpty()) {
                warnRulesUnused("shares a client");
            }
            Tocsin.Builder own = shared == null ? ownedClient() : null;
            paging = shared != null || own != null;
            if (autoResolveAfter != null && autoResolveAfter.getMilliseconds() > 0 && paging) {
                autoResolver = new AutoResolver(Tocsin.noop(),
                        java.time.Duration.ofMillis(autoResolveAfter.getMilliseconds()), clock);
            }
            AutoResolver resolver = autoResolver;
            settings = new AppenderSettings(source, component, mdcKeys, stackDepth, runbookUrl,
                    resolver == null ? key -> { } : resolver::observed, new FingerprintCache());
            boolean later = own != null && slf4jStarting.getAsBoolean();
            if (later) {
                addInfo("Tocsin appender [" + getName() + "] builds its client once SLF4J has finished "
                        + "initialising; events that page before then are held for it");
            }
            // shared, else the no-op of a misconfigured appender, else its own, built now or once SLF4J is ready
            client.open(shared != null ? shared : own == null ? Tocsin.noop() : null, own,
                    later ? slf4jStarting : () -> false, closeOnExit);
            if (resolver != null && client.peek() != null) {
                resolver.useClient(client.peek());
            }
            if (own != null && !closeOnExit && getContext().getObject(CoreConstants.SHUTDOWN_HOOK_THREAD) == null) {
                // Logback 1.4 and later keep their <shutdownHook/> here (1.3 does not: this may then be a false alarm).
                addWarn("Tocsin appender [" + getName() + "] has closeOnExit false and no <shutdownHook/> is "
                        + "configured before it: pages still pending when the JVM exits are lost unless something "
                        + "stops Logback first (<shutdownHook/>, a container)");
            }
            super.start();
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * The builder of the client this appender owns, its settings checked; {@code null} after one status error if
     * they are wrong. Nothing here logs or starts a thread.
     */
    private Tocsin.Builder ownedClient() {
        String configuredKey = routingKey == null ? null : routingKey.strip();
        maskKeyInStatuses(configuredKey, "the routing key", "Leave <routingKey> out and set the environment variable "
                + RoutingKeyLookup.VARIABLE + ": the appender reads it itself.");
        for (String ruleKey : configured.routingKeys()) {
            maskKeyInStatuses(ruleKey, "a rule's routing key", "Give a rule's key in a variable whose name contains SECRET, such as "
                    + "${PAYMENTS_SECRET}: Logback masks such values itself.");
        }
        RoutingKeyLookup.Result key = RoutingKeyLookup.resolve(routingKey, env);
        try {
            // the rules first: they need no key, and rules() shows them even while the key is missing
            ConfiguredRules.Checked checked = configured.check();
            rules = checked.rules();
            if (key.key() == null) {
                throw new IllegalArgumentException(key.problem());
            }
            if (queueCapacity <= 0) {
                throw new IllegalArgumentException("queueCapacity must be positive, was " + queueCapacity);
            }
            if (shutdownTimeout != null && shutdownTimeout.getMilliseconds() <= 0) {
                throw new IllegalArgumentException("shutdownTimeout must be positive, was " + shutdownTimeout);
            }
            // The library versions are checked here, while Logback still prints configuration errors: the client
            // itself may be built later, on another thread, where a status error would go unseen.
            Compatibility.check();
            PagerDutyDestination own = PagerDutyDestination.builder().routingKey(key.key()).endpoint(endpoint)
                    .allowInsecureHttp(allowInsecureHttp).build();
            Tocsin.Builder builder = Tocsin.builder()
                    .destination(own)
                    .source(source)
                    .queueCapacity(queueCapacity)
                    .closeOnExit(closeOnExit)
                    .clock(clock);
            checked.applyTo(builder, own);
            if (shutdownTimeout != null) {
                builder.shutdownTimeout(java.time.Duration.ofMillis(shutdownTimeout.getMilliseconds()));
            }
            return builder;
        } catch (RuntimeException e) {
            // a key written where it does not belong (a rule's condition, say) is masked in the message too
            List<String> keys = new java.util.ArrayList<>(configured.routingKeys());
            keys.add(configuredKey);
            keys.add(key.key());
            notPaging(new IllegalArgumentException(StatusScrub.masked(e.getMessage(), keys), null));
            return null;
        }
    }

    private void notPaging(RuntimeException e) {
        addError("Tocsin appender [" + getName() + "] is not paging: " + e.getMessage()
                + ". It runs as a no-op; the application's logging is not affected.");
    }

    /** Masks a key that Logback's variable substitution put into its status messages ({@link StatusScrub}). */
    private void maskKeyInStatuses(String key, String what, String advice) {
        if (key == null || key.length() < 12 || RoutingKeyLookup.isUndefined(key)) {
            return; // shorter is no key, and masking it would garble unrelated statuses
        }
        if (getContext() == null || getContext().getStatusManager() == null) {
            return;
        }
        StatusScrub.Outcome outcome = StatusScrub.mask(getContext().getStatusManager(), key, Scrubbing.mask(key));
        if (outcome != StatusScrub.Outcome.ABSENT) {
            addInfo("Tocsin appender [" + getName() + "]: Logback's variable substitution put " + what + " into "
                    + (outcome == StatusScrub.Outcome.MASKED ? "its status messages; it is masked there now"
                    : "status messages that were printed already") + ". " + advice);
        }
    }

    private void warnRulesUnused(String why) {
        addWarn("Tocsin appender [" + getName() + "] " + why + ", which keeps its own rules: its <rule>, "
                + "<maintenance> and flood settings apply only to a client the appender builds, and are not used");
    }

    /**
     * Whether SLF4J is being initialised (Logback reading its configuration at start-up, this appender's start()
     * included): SLF4J then hands out stand-in loggers whose events it replays afterwards, with a warning. Asking
     * starts SLF4J if nothing has yet, as the client's first log line would.
     */
    private static boolean slf4jInitialising() {
        try {
            return LoggerFactory.getILoggerFactory() instanceof SubstituteLoggerFactory;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Stops paging and closes the client this appender built; Logback calls it when its context stops or resets. */
    @Override
    public void stop() {
        lifecycle.lock();
        try {
            if (!isStarted()) {
                return;
            }
            super.stop();
            AutoResolver resolver = autoResolver;
            autoResolver = null;
            if (resolver != null) {
                resolver.close();
            }
            client.close();
        } finally {
            lifecycle.unlock();
        }
    }

    /** The client events go to now; {@code null} before a deferred build or after stop. For tests. */
    Tocsin client() {
        return client.peek();
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
        if (!paging) {
            return;
        }
        String logger = event.getLoggerName();
        if (logger.startsWith("dev.tocsin") || Thread.currentThread().getName().startsWith("tocsin-")) {
            return; // never page about the SDK through the SDK
        }
        IThrowableProxy proxy = event.getThrowableProxy();
        Throwable error = proxy instanceof ThrowableProxy p ? p.getThrowable() : null;
        Map<String, String> mdc = mdc(event);
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
        long now = clock.millis();
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
     * context started to the one the context built. Events already offered stay with the old client: a shared
     * one is left to its owner to close, one the appender built is closed here, delivering them first.
     * Thread-safe.
     */
    public void handOver(Tocsin next) {
        lifecycle.lock();
        try {
            this.shared = next;
            if (next != null && isStarted() && !configured.isEmpty()) {
                warnRulesUnused("hands over to a shared client");
                rules = List.of();
            }
            if (isStarted()) {
                client.handOver(next);
                paging = next != null;
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * The Events API v2 integration key; used when no client is shared. Default: the environment variable
     * {@code TOCSIN_ROUTING_KEY}. Prefer the default to {@code ${TOCSIN_ROUTING_KEY}} here, which Logback echoes
     * in its status messages.
     */
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

    /**
     * How long closing the appender's own client (when Logback stops, or at JVM exit) may take to send what is
     * pending; default 5 seconds. Events still pending then are logged as undelivered.
     */
    public void setShutdownTimeout(ch.qos.logback.core.util.Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Whether a JVM shutdown hook closes the appender's own client when the JVM exits (default {@code true}): what
     * is still pending when {@code main} returns or {@code System.exit} is called is then sent, within the shutdown
     * timeout, instead of being lost. Set it to {@code false} only when something else stops Logback at exit
     * (Logback's {@code <shutdownHook/>}, a container that stops the logger context): {@link #stop()} then closes
     * the client. With {@code false} and nothing stopping Logback, what is pending at exit is lost. It has no effect
     * on a client shared through {@link #setTocsin(Tocsin)}, whose exit is its owner's business.
     */
    public void setCloseOnExit(boolean closeOnExit) {
        this.closeOnExit = closeOnExit;
    }

    /** The intake queue of the client the appender owns (default 8192 events). */
    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    /**
     * Adds a rule, evaluated after the ones added before it, by the client the appender builds: a {@code <rule>}
     * element, whose children are the {@link RuleSpec} fields ({@code name}, {@code when}, {@code suppress},
     * {@code severity}, {@code routingKey}, {@code link}, {@code linkText}, {@code note}, {@code dedupKey},
     * {@code dropDetails}, {@code stop}; {@code route} knows one name, {@code pagerduty}, the appender's own
     * destination). Checked at {@link #start()}.
     */
    public void addRule(RuleSpec rule) {
        configured.addRule(rule, ignored.since(getContext(), RuleSpec.class));
    }

    /** Adds a scheduled maintenance window: a {@code <maintenance>} element ({@link MaintenanceSpec}). */
    public void addMaintenance(MaintenanceSpec window) {
        configured.addWindow(window, ignored.since(getContext(), MaintenanceSpec.class));
    }

    /**
     * How many new dedup keys within {@link #setFloodPeriod(String) floodPeriod} the appender's own client sends
     * before it folds further new keys into one summary alert ({@link Tocsin.Builder#floodThreshold}); {@code 0}
     * turns folding off. Default: the client's, {@value Tocsin.Builder#DEFAULT_FLOOD_KEYS} a minute. Text, checked at
     * {@link #start()}.
     */
    public void setFloodThreshold(String distinctKeys) {
        configured.floodThreshold(distinctKeys);
    }

    /** The period of {@link #setFloodThreshold(String) floodThreshold}: {@code 1 minute} (the default), {@code 30s}. */
    public void setFloodPeriod(String period) {
        configured.floodPeriod(period);
    }

    /**
     * The rules of the {@code <rule>} elements, in order, as {@link #start()} checked them: the ones the client the
     * appender builds applies. They do not depend on the routing key, so an appender whose key is missing shows them
     * too. Empty before start, with no rules, when one of them is invalid (the appender is then a no-op), and with a
     * shared client, which keeps its own. Thread-safe.
     */
    public List<Rule> rules() {
        return rules;
    }

    /** Statuses Logback records from here on are about this appender's elements ({@link IgnoredElements}). */
    @Override
    public void setContext(Context context) {
        super.setContext(context);
        ignored.mark(context);
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }
}
