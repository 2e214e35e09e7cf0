package dev.tocsin.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.StatusPrinter2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain application configured by a {@code logback.xml} (named by {@code -Dlogback.configurationFile}) whose
 * appender reads {@code TOCSIN_ROUTING_KEY}: it prints every status Logback recorded, logs one error and returns
 * at once.
 */
final class ConfiguredByLogbackXmlMain {
    private ConfiguredByLogbackXmlMain() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("com.example.Nightly"); // SLF4J starts, Logback reads logback.xml
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        new StatusPrinter2().print(context);
        log.error("nightly job failed", new IllegalStateException("disk full"));
        // and returns at once: the appender's client may not even exist yet; the page must still arrive
    }
}
