package dev.tocsin.spring;

import dev.tocsin.Heartbeat;
import dev.tocsin.Tocsin;
import dev.tocsin.UncaughtExceptionAlerts;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.Failures;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * What {@link EarlyPaging} made before the context: a client, and the appender and uncaught-exception handler that
 * reach it through a {@link HandOverRelay}, so that the context's client can take their place without a gap.
 * Thread-safe: its steps run on the thread that starts the application, and the lock keeps them in order.
 */
final class EarlyState {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyState.class);

    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private final Tocsin early;
    private final HandOverRelay relay;
    private final TocsinProperties properties;
    private final String name;
    private Object appender; // a TocsinAppender when Logback is present; Object keeps Logback optional
    private boolean appenderAdopted;
    private UncaughtExceptionAlerts handler;
    private boolean earlyClosed;

    private EarlyState(Tocsin early, TocsinProperties properties, String name) {
        this.early = early;
        this.relay = new HandOverRelay(early);
        this.properties = properties;
        this.name = name;
    }

    /** Starts paging; {@code null} if the properties are invalid (the context's start then fails, naming them). */
    static EarlyState start(TocsinProperties p, String name) {
        Tocsin client;
        try {
            client = TocsinFactory.build(p, List.of(), List.of(), true);
        } catch (RuntimeException e) {
            LOG.debug("tocsin: no paging before the context: {}", e.toString());
            return null;
        }
        EarlyState state = new EarlyState(client, p, name);
        if (p.getLogback().isEnabled() && logbackPresent()) {
            state.appender = LogbackBinding.attach(state.relay, p);
        }
        if (p.getUncaughtExceptions().isEnabled()) {
            state.handler = UncaughtExceptionAlerts.install(state.relay);
        }
        return state;
    }

    /**
     * Hands paging over to the context's client, which {@code open} builds: with a spool directory, the early
     * client first persists what it accepted and closes (one client per directory; the next one replays it), and
     * what the appender and handler send meanwhile is held and passed on. Without a spool, the early client closes
     * after, sending what it has.
     *
     * @return the context's client
     */
    Tocsin handOver(Supplier<Tocsin> open) {
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

    /** The appender attached before the context, now moved to the context's client; {@code null} if none. */
    Object adoptAppender(Tocsin contextClient) {
        lock.lock();
        try {
            if (appender == null || appenderAdopted) {
                return null;
            }
            appenderAdopted = true;
            LogbackBinding.handOver(appender, contextClient);
            return appender;
        } finally {
            lock.unlock();
        }
    }

    void releaseHandler() {
        lock.lock();
        try {
            if (handler != null) {
                handler.uninstall();
                handler = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The context has started: closes what was not taken over (the early client, an appender that no binding
     * adopted, the handler), whether or not Logback or the auto-configuration took part. Idempotent.
     */
    void retire() {
        lock.lock();
        try {
            releaseHandler();
            if (appender != null && !appenderAdopted) {
                LogbackBinding.detach(appender);
                appender = null;
            }
            closeEarly();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Startup failed: pages for it, sends what was logged, and tells the heartbeat. Spring Boot logs the failure
     * only after this event, so the page is made here from the exception, with the root cause as its summary and
     * the whole chain in its details; the appender is detached first, so that Spring Boot's "Application run
     * failed" line does not page a second time with the wrapper's text. The page goes through the context's client
     * while the context is still active (a runner failed), else the early client, else a client made for it.
     */
    void failed(Throwable failure, ConfigurableApplicationContext context) {
        lock.lock();
        try {
            if (appender != null) {
                LogbackBinding.detach(appender);
                appender = null;
            }
            releaseHandler();
            Tocsin contextClient = context != null && context.isActive()
                    ? context.getBeanProvider(Tocsin.class).getIfUnique() : null;
            Tocsin pager = contextClient != null ? contextClient : !earlyClosed ? early : openForFailure();
            relay.release(pager); // anything held while the context's client was being made
            if (failure != null) {
                pager.trigger(failureAlert(name, failure), failure);
            }
            if (pager != contextClient) {
                pager.close(); // sends within the shutdown timeout; the context closes its own client
                earlyClosed = true;
            }
            String url = properties.getHeartbeat().getUrl();
            if (Activation.isSet(url)) {
                Heartbeat.reportFailure(url, properties.getHeartbeat().isAllowInsecureHttp(), Duration.ofSeconds(5));
            }
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

    private Tocsin openForFailure() {
        try {
            return TocsinFactory.build(properties, List.of(), List.of(), true);
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

    /** Whether the early client was closed; for tests. */
    boolean earlyClosed() {
        lock.lock();
        try {
            return earlyClosed;
        } finally {
            lock.unlock();
        }
    }

    static boolean logbackPresent() {
        ClassLoader cl = EarlyPaging.class.getClassLoader();
        return ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", cl)
                && ClassUtils.isPresent("dev.tocsin.logback.TocsinAppender", cl)
                && org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName()
                        .equals("ch.qos.logback.classic.LoggerContext");
    }
}
