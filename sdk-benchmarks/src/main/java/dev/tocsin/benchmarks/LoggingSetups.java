package dev.tocsin.benchmarks;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.tocsin.logback.TocsinAppender;

/** Builds the logging set-ups the benchmarks compare, each in a logging context of its own. */
final class LoggingSetups {
    private LoggingSetups() {
    }

    static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.start();
        return context;
    }

    static Logger logger(LoggerContext context, Appender<ILoggingEvent> appender) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        return context.getLogger("com.example.orders.OrderService");
    }

    static Appender<ILoggingEvent> noop(LoggerContext context) {
        NoOpAppender appender = new NoOpAppender();
        appender.setContext(context);
        appender.setName("NOOP");
        appender.start();
        return appender;
    }

    static Appender<ILoggingEvent> asyncOverNoop(LoggerContext context) {
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("ASYNC");
        async.setNeverBlock(true);
        async.addAppender(noop(context));
        async.start();
        return async;
    }

    static TocsinAppender tocsin(LoggerContext context, String endpoint) {
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName("TOCSIN");
        appender.setRoutingKey(Endpoints.ROUTING_KEY);
        appender.setEndpoint(endpoint);
        appender.setSource("benchmark-host");
        appender.start();
        return appender;
    }

    /** An exception with a 25-frame stack, like one thrown deep inside an application. */
    static RuntimeException failureWith25Frames() {
        RuntimeException e = dive(30);
        e.setStackTrace(java.util.Arrays.copyOf(e.getStackTrace(), 25));
        return e;
    }

    private static RuntimeException dive(int depth) {
        if (depth <= 0) {
            return new IllegalStateException("connection pool exhausted");
        }
        return dive(depth - 1);
    }

    /** The floor: an appender that does nothing. */
    static final class NoOpAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
        }
    }
}
