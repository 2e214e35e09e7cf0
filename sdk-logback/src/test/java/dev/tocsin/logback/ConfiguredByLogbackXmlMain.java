package dev.tocsin.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.StatusPrinter2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain application configured by a {@code logback.xml} (named by {@code -Dlogback.configurationFile}) whose
 * appender reads {@code TOCSIN_ROUTING_KEY}: it says whether the appender built its client during SLF4J's
 * initialisation, logs one error, prints every status Logback recorded, and returns.
 */
final class ConfiguredByLogbackXmlMain {
    private ConfiguredByLogbackXmlMain() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("com.example.Nightly"); // SLF4J starts, Logback reads logback.xml
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        TocsinAppender pager = (TocsinAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("PAGER");
        System.out.println("client before the first page: " + (pager.client() == null ? "none" : "built"));
        log.error("nightly job failed", new IllegalStateException("disk full"));
        System.out.println("client after the first page: " + (pager.client() == null ? "none" : "built"));
        new StatusPrinter2().print(context);
    }
}
