package dev.tocsin.spring;

import dev.tocsin.Heartbeat;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.Failures;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The one owner of what pages before the context exists, from its start to its hand-over and its close: a client
 * of its own, and the paging appender and uncaught-exception handler, which reach it through a
 * {@link HandOverRelay} so that the context's client can take its place without a gap. Nothing else holds or
 * changes any of it; {@link EarlyPaging} passes Spring Boot's events on, and the context's beans only ask:
 *
 * <ul>
 *   <li>{@link #start}: on the environment's preparation, makes the client (with its own JVM shutdown hook: until it
 *       hands over, nothing else would close it at exit), attaches the appender and installs the handler.</li>
 *   <li>{@link #clientFor}: the context's client; the early client hands over to it.</li>
 *   <li>{@link #logbackFor} and {@link #uncaughtFor}: the appender and the handler for the context's client. The
 *       first question moves both over to that client ({@link #moveParts}, the one place they move); from then on
 *       they are the context's, which removes them when it closes.</li>
 *   <li>{@link #retire}: the context has started; what was not taken over is removed, and the early client closed.</li>
 *   <li>{@link #failed}: startup failed; it pages for the failure.</li>
 * </ul>
 *
 * <p>Logback is optional: the appender is made only when Logback and tocsin-logback are present
 * ({@link #logbackPresent()}), and this class names no Logback type, only {@link LogbackBinding}. Thread-safe: its
 * steps run on the thread that starts the application, and the lock keeps them in order.
 */
final class EarlyState {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyState.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Tocsin early;
    private final HandOverRelay relay;
    private final TocsinProperties properties;
    private final String application;
    private LogbackBinding logback; // null without Logback, or once removed
    private UncaughtBinding uncaught; // null when off, or once removed
    private boolean partsMoved; // to the context's client, which owns them from then on
    private boolean earlyClosed;

    private EarlyState(Tocsin early, TocsinProperties properties, String application) {
        this.early = early;
        this.relay = new HandOverRelay(early);
        this.properties = properties;
        this.application = application;
    }

    /** Starts paging; {@code null} if the properties are invalid (the context's start then fails, naming them). */
    static EarlyState start(TocsinProperties p, String application) {
        Tocsin client;
        try {
            client = TocsinFactory.buildBeforeContext(p);
        } catch (RuntimeException e) {
            LOG.debug("tocsin: no paging before the context: {}", e.toString());
            return null;
        }
        EarlyState state = new EarlyState(client, p, application);
        if (p.getLogback().isEnabled() && logbackPresent()) {
            state.logback = LogbackBinding.attach(state.relay, p);
        }
        if (p.getUncaughtExceptions().isEnabled()) {
            state.uncaught = UncaughtBinding.install(state.relay);
        }
        return state;
    }

    /**
     * The context's client, which {@code open} builds, once the early client has handed over to it: with a spool
     * directory, the early client first persists what it accepted and closes (one client per directory; the next
     * one replays it), and what the appender and handler send meanwhile is held and passed on. Without a spool, the
     * early client closes after, sending what it has.
     */
    Tocsin clientFor(Supplier<Tocsin> open) {
        lock.lock();
        try {
            relay.hold();
            Tocsin next;
            try {
                if (spooled()) {
                    closeEarly();
                }
                next = open.get();
            } catch (RuntimeException | Error e) {
                if (!earlyClosed) {
                    relay.release(early); // still pages, for the failure that follows
                } // else it stays held: failed() passes it to the client that reports the failure
                throw e;
            }
            relay.release(next);
            closeEarly();
            return next;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The paging appender for the context's client: the one attached before the context, moved over to it, else
     * {@code attach}'s.
     */
    LogbackBinding logbackFor(Tocsin contextClient, Supplier<LogbackBinding> attach) {
        lock.lock();
        try {
            moveParts(contextClient);
            return logback != null ? logback : attach.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The uncaught-exception handler for the context's client: the one installed before the context, moved over to
     * it, else {@code install}'s.
     */
    UncaughtBinding uncaughtFor(Tocsin contextClient, Supplier<UncaughtBinding> install) {
        lock.lock();
        try {
            moveParts(contextClient);
            return uncaught != null ? uncaught : install.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The context has started: removes what was not taken over (an appender and a handler that no bean of the
     * context asked for) and closes the early client, whether or not Logback or the auto-configuration took part.
     * Idempotent.
     */
    void retire() {
        lock.lock();
        try {
            if (!partsMoved) {
                removeParts();
            }
            closeEarly();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Startup failed: pages for it, sends what was logged, and tells the heartbeat. Spring Boot logs the failure
     * only after this event, so the page is made here from the exception, with the root cause as its summary and
     * the whole chain in its details; the appender is detached first, even once the context's, so that Spring
     * Boot's "Application run failed" line does not page a second time with the wrapper's text. The page goes
     * through the context's client while the context is still active (a runner failed), else the early client,
     * else a client made for it. A {@code tocsin.*} property slip pages nothing: Spring Boot's report names it.
     */
    void failed(Throwable failure, ConfigurableApplicationContext context) {
        lock.lock();
        try {
            if (logback != null) {
                logback.detach();
            }
            if (!partsMoved) {
                removeParts();
            }
            if (failure != null && Failures.rootCause(failure) instanceof TocsinPropertyException) {
                // A slip in Tocsin's own properties is the failure report's to tell, before anything is sent, as
                // when it stops the client before the context too (the early client may have been made without
                // the rules, which only the context's customizers could complete).
                relay.release(Tocsin.noop());
                if (!earlyClosed) {
                    early.close();
                    earlyClosed = true;
                }
                return;
            }
            Tocsin contextClient = context != null && context.isActive()
                    ? context.getBeanProvider(Tocsin.class).getIfUnique() : null;
            Tocsin pager = contextClient != null ? contextClient : !earlyClosed ? early : openForFailure();
            relay.release(pager); // anything held while the context's client was being made
            if (failure != null) {
                pager.trigger(failureAlert(application, failure), failure);
            }
            if (pager != contextClient) {
                pager.close(); // sends within the shutdown timeout; the context closes its own client
                earlyClosed = true;
            }
            reportFailureToHeartbeat();
        } finally {
            lock.unlock();
        }
    }

    /** The page for a failed startup: the root cause says what broke; the details keep the whole chain. */
    static Alert failureAlert(String application, Throwable failure) {
        Throwable root = Failures.rootCause(failure);
        String message = Failures.message(root);
        return Alert.trigger("Application " + application + " failed to start: " + root.getClass().getName()
                        + (message == null || message.isBlank() ? "" : ": " + message))
                .severity(Severity.CRITICAL)
                .type("startup-failure")
                .build();
    }

    /** The one place the appender and the handler move: over to the context's client, once. Under the lock. */
    private void moveParts(Tocsin contextClient) {
        if (partsMoved) {
            return;
        }
        partsMoved = true;
        if (logback != null) {
            logback.moveTo(contextClient);
        }
        if (uncaught != null) {
            uncaught.moveTo(contextClient);
        }
    }

    /** Detaches the appender and uninstalls the handler made before the context. Under the lock. */
    private void removeParts() {
        if (logback != null) {
            logback.detach();
            logback = null;
        }
        if (uncaught != null) {
            uncaught.uninstall();
            uncaught = null;
        }
    }

    private void reportFailureToHeartbeat() {
        String url = properties.getHeartbeat().getUrl();
        if (Activation.isSet(url)) {
            Heartbeat.reportFailure(url, properties.getHeartbeat().isAllowInsecureHttp(), Duration.ofSeconds(5));
        }
    }

    private Tocsin openForFailure() {
        try {
            return TocsinFactory.buildBeforeContext(properties);
        } catch (RuntimeException e) {
            LOG.warn("tocsin: cannot page for the failed startup: {}", e.toString());
            return Tocsin.noop();
        }
    }

    private void closeEarly() {
        if (!earlyClosed) {
            earlyClosed = true;
            if (spooled()) {
                early.persist(properties.getShutdownTimeout()); // on disk before the next client opens it
            }
            early.close();
        }
    }

    private boolean spooled() {
        return properties.getSpool().getDirectory() != null;
    }

    /** The relay the early appender and handler send to; for tests. */
    HandOverRelay relay() {
        return relay;
    }

    /** The client made before the context; for tests. */
    Tocsin early() {
        return early;
    }

    /** Whether the early client was closed; for tests. */
    boolean earlyClosed() {
        lock.lock();
        try {
            return earlyClosed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the paging appender can be made: Logback and tocsin-logback are present, and SLF4J logs to Logback. */
    static boolean logbackPresent() {
        ClassLoader cl = EarlyPaging.class.getClassLoader();
        return ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", cl)
                && ClassUtils.isPresent("dev.tocsin.logback.TocsinAppender", cl)
                && LoggerFactory.getILoggerFactory().getClass().getName()
                        .equals("ch.qos.logback.classic.LoggerContext");
    }
}
