package dev.tocsin.compat.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.tocsin.compat.LocalReceiver;
import dev.tocsin.logback.TocsinAppender;
import org.slf4j.LoggerFactory;

/** Starts the appender and logs an error on whatever Logback the class path has; run in a child JVM. */
public final class OldLogbackMain {
    private OldLogbackMain() {
    }

    public static void main(String[] args) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName("PAGER");
        appender.setRoutingKey(LocalReceiver.ROUTING_KEY);
        appender.setEndpoint("http://127.0.0.1:9/v2/enqueue");
        appender.start();
        Logger logger = context.getLogger("com.example.Checkout");
        logger.addAppender(appender);
        logger.error("payment failed", new IllegalStateException("card declined"));
        System.out.println("started=" + appender.isStarted());
        for (Status status : context.getStatusManager().getCopyOfStatusList()) {
            if (status.getOrigin() == appender) {
                String level = status.getLevel() == Status.ERROR ? "ERROR" : status.getLevel() == Status.WARN ? "WARN"
                        : "INFO";
                System.out.println("status " + level + ": " + status.getMessage());
            }
        }
        System.out.println("logged without an error");
    }
}
