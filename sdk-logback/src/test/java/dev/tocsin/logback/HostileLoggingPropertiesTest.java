package dev.tocsin.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.testing.Hostile;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.Seeds;
import dev.tocsin.testing.WireChecks;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

/**
 * {@code log.error(hostileMessage, hostileArgs…, hostileThrowable)} with hostile MDC values, through a real
 * {@link TocsinAppender}: the log call returns, the appender reports no failure, every request keeps PagerDuty's
 * contract, and a critical log line after it pages. One appender and client per batch; seeds as in {@link Seeds}.
 */
class HostileLoggingPropertiesTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static final String PROPERTY = "logError";
    private final LoggerContext context = newContext();

    private static LoggerContext newContext() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        return context;
    }

    @AfterEach
    void stopContext() {
        context.stop();
        MDC.clear();
    }

    static Stream<Arguments> logError() {
        return Seeds.batches(PROPERTY);
    }

    @ParameterizedTest
    @MethodSource
    void logError(long[] seeds) {
        Seeds.skipIfFalsified(PROPERTY);
        Tocsin tocsin = api.client();
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName("PAGER");
        appender.setTocsin(tocsin);
        appender.setMdcKeys("orderId,tenant");
        appender.setRunbookUrl("https://runbooks.example.com/{component}?key={key}&logger={logger}");
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        try {
            for (long seed : seeds) {
                runCase(new Hostile(seed), tocsin);
            }
        } catch (RuntimeException | AssertionError e) {
            Seeds.falsified(PROPERTY);
            throw e;
        }
    }

    private void runCase(Hostile gen, Tocsin tocsin) {
        MDC.clear();
        putMdc("orderId", gen.string());
        putMdc("tenant", gen.string());
        putMdc("tocsin.severity", gen.string());
        putMdc("tocsin.dedupKey", gen.dedupKey());
        putMdc("tocsin.component", gen.string());
        Logger log = this.context.getLogger(loggerName(gen.text()));
        String message = gen.string();
        Object[] args = {gen.detail(), gen.detail(), takenByLogback(log.getName(), message, gen.throwable())};
        try {
            log.error(message, args);
        } catch (Throwable t) {
            throw new AssertionError(gen.trail() + ": log.error threw " + t.getClass().getName());
        }
        MDC.clear();
        String context = gen.trail();
        String canary = "canary-" + Long.toHexString(gen.seed());
        MDC.put("tocsin.dedupKey", canary);
        this.context.getLogger("com.example.Payments").error(TocsinMarkers.CRITICAL, "payments are down");
        MDC.clear();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> api.requests().stream()
                    .anyMatch(r -> r.method().equals("POST")
                            && r.bodyText().contains("\"dedup_key\":\"" + canary + "\"")
                            && r.bodyText().contains("\"severity\":\"critical\"")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(context + ": the critical log line after it did not page within 5 s");
        }
        assertThat(tocsin.flush(Duration.ofSeconds(5))).as("%s: flush", context).isTrue();
        assertThat(this.context.getStatusManager().getCopyOfStatusList())
                .as("%s: the appender reported a failure", context)
                .noneMatch(s -> s.getLevel() >= Status.WARN);
        for (dev.tocsin.testkit.ReceivedRequest r : api.requests()) {
            if (r.method().equals("POST")) {
                WireChecks.assertSound(r.path(), r.body(), context);
            }
        }
        api.forgetRequests();
    }

    /**
     * Logback builds its ThrowableProxy on the caller's thread; what it cannot take itself is left out. It is tried
     * through a logger of a context without appenders, so at the depth of the real call: a 10,000-deep cause chain
     * that fits a bare {@code new ThrowableProxy} may overflow the stack a few frames deeper.
     */
    private static Throwable takenByLogback(String logger, String message, Throwable t) {
        try {
            if (t != null) {
                PROBE.getLogger(logger).error(message, null, null, t);
            }
            return t;
        } catch (Throwable fails) {
            return null;
        }
    }

    private static final LoggerContext PROBE = new LoggerContext();

    private static void putMdc(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    /** A logger name from hostile text; Logback itself splits names on dots, so empty segments are avoided. */
    private static String loggerName(String text) {
        String name = text.length() > 200 ? text.substring(0, 200) : text;
        name = name.replace('.', '_').strip();
        return name.isEmpty() ? "com.example.Hostile" : "com.example." + name;
    }
}
