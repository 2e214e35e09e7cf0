package dev.tocsin.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.status.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <closeOnExit>false</closeOnExit>} without a {@code <shutdownHook/>} loses what is pending at exit: the appender
 * says so with a status warning, which Logback prints with its configuration, instead of losing pages silently.
 */
class CloseOnExitWarningTest {
    private static final String ROUTING_KEY = "R0ut1ngKeyForTestsOnly0000000abc";
    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stopContext() {
        context.stop();
    }

    private List<String> warningsOf(boolean closeOnExit) {
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName("PAGER");
        appender.env = Map.<String, String>of()::get;
        appender.setRoutingKey(ROUTING_KEY);
        appender.setEndpoint("http://127.0.0.1:9/v2/enqueue");
        appender.setAllowInsecureHttp(true);
        appender.setCloseOnExit(closeOnExit);
        appender.start();
        return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() == Status.WARN)
                .map(Status::getMessage).toList();
    }

    @Test
    void optingOutWithoutAShutdownHookIsWarnedAbout() {
        assertThat(warningsOf(false)).singleElement().satisfies(w -> assertThat(w)
                .contains("closeOnExit false").contains("<shutdownHook/>").contains("lost")
                .doesNotContain(ROUTING_KEY));
    }

    @Test
    void optingOutWithAShutdownHookOrNotOptingOutIsNot() {
        assertThat(warningsOf(true)).isEmpty();
        context.putObject(CoreConstants.SHUTDOWN_HOOK_THREAD, new Thread(() -> { }));
        assertThat(warningsOf(false)).isEmpty();
    }
}
