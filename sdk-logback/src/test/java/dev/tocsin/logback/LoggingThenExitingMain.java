package dev.tocsin.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.tocsin.PagerDutyWireMockTest;
import org.slf4j.LoggerFactory;

/**
 * A plain Logback application whose main logs one error and returns: no close, no Logback shutdown hook. With a
 * second argument {@code deferred}, the appender behaves as if SLF4J never finished initialising, so its client is
 * not built before the JVM exits.
 */
final class LoggingThenExitingMain {
    private LoggingThenExitingMain() {
    }

    public static void main(String[] args) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName("PAGER");
        appender.setRoutingKey(PagerDutyWireMockTest.ROUTING_KEY);
        appender.setEndpoint(args[0]);
        if (args.length > 1 && args[1].equals("deferred")) {
            appender.slf4jStarting = () -> true;
        }
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);

        LoggerFactory.getLogger("com.example.Nightly").error("nightly job failed",
                new IllegalStateException("disk full"));
    }
}
