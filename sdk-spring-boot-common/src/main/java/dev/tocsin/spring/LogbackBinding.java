package dev.tocsin.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.tocsin.Tocsin;
import dev.tocsin.logback.TocsinAppender;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The paging appender on Logback's root logger, and the client it pages through. Made only where Logback and
 * tocsin-logback are present ({@link EarlyState#logbackPresent()}, or the auto-configuration's class condition):
 * other classes name this type but never load Logback's.
 *
 * <p>{@link EarlyState} attaches one before the context exists and moves it to the context's client
 * ({@link EarlyState#logbackFor}); the context's bean is that one, or one attached for the context's client when none
 * was made before. The context detaches it when it closes ({@link #destroy()}). Thread-safe.
 */
final class LogbackBinding implements DisposableBean {
    static final String NAME = "TOCSIN";

    private final TocsinAppender appender;
    private boolean detached; // guarded by this

    private LogbackBinding(TocsinAppender appender) {
        this.appender = appender;
    }

    /** Starts an appender with the client and the properties and puts it on the root logger, in place of any other. */
    static LogbackBinding attach(Tocsin client, TocsinProperties p) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName(NAME);
        appender.setTocsin(client);
        appender.setSource(p.getSource());
        appender.setThreshold(p.getLogback().getThreshold());
        appender.setMdcKeys(String.join(",", p.getLogback().getMdcKeys()));
        appender.setRunbookUrl(p.getLogback().getRunbookUrl());
        if (p.getLogback().getAutoResolveAfter() != null) {
            appender.setAutoResolveAfter(ch.qos.logback.core.util.Duration.buildByMilliseconds(
                    p.getLogback().getAutoResolveAfter().toMillis()));
        }
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(NAME); // never two
        root.addAppender(appender);
        return new LogbackBinding(appender);
    }

    /** Pages through {@code next} from now on, keeping what the appender tracks (its auto-resolves). */
    synchronized void moveTo(Tocsin next) {
        appender.handOver(next);
    }

    /** Takes the appender off the root logger and stops it. Idempotent. */
    synchronized void detach() {
        if (!detached) {
            detached = true;
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            appender.stop();
        }
    }

    /** The context closes: the appender goes. */
    @Override
    public void destroy() {
        detach();
    }

    /** The appender on the root logger; for tests. */
    TocsinAppender appender() {
        return appender;
    }
}
