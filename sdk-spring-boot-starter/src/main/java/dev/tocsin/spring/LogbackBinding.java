package dev.tocsin.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.tocsin.Tocsin;
import dev.tocsin.logback.TocsinAppender;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Keeps the paging appender on Logback's root logger with the context's client: takes over the appender
 * attached before the context started ({@link EarlyState#adoptAppender}), or attaches one if none was, and detaches
 * it when the context closes.
 */
final class LogbackBinding implements SmartInitializingSingleton, DisposableBean {
    static final String NAME = "TOCSIN";

    private final Tocsin tocsin;
    private final TocsinProperties properties;
    private final ObjectProvider<EarlyState> early;
    private TocsinAppender appender;

    LogbackBinding(Tocsin tocsin, TocsinProperties properties, ObjectProvider<EarlyState> early) {
        this.tocsin = tocsin;
        this.properties = properties;
        this.early = early;
    }

    @Override
    public void afterSingletonsInstantiated() {
        EarlyState state = early.getIfAvailable();
        Object adopted = state == null ? null : state.adoptAppender(tocsin);
        appender = adopted != null ? (TocsinAppender) adopted : attach(tocsin, properties);
    }

    @Override
    public void destroy() {
        if (appender != null) {
            detach(appender);
        }
    }

    /** Starts an appender with the client and the properties and puts it on the root logger. */
    static TocsinAppender attach(Tocsin client, TocsinProperties p) {
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
        return appender;
    }

    static void handOver(Object appender, Tocsin client) {
        ((TocsinAppender) appender).handOver(client);
    }

    static void detach(Object appender) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender((TocsinAppender) appender);
        ((TocsinAppender) appender).stop();
    }
}
