package dev.tocsin.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.PagerDutyWireMockTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's plain Logback set-up: an error logged just before main returns still pages. */
class AppenderExitTest extends PagerDutyWireMockTest {

    @ParameterizedTest(name = "client {0}")
    @ValueSource(strings = {"built", "deferred"})
    void anErrorLoggedJustBeforeMainReturnsStillPages(String client) throws Exception {
        // deferred: the JVM exits while the appender still waits for SLF4J to build its client, holding the error
        Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), LoggingThenExitingMain.class.getName(),
                server.baseUrl() + ENQUEUE, client).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
        assertThat(alertBodies()).singleElement().satisfies(b -> {
            assertThat(b.path("payload").path("summary").asText()).isEqualTo("nightly job failed");
            assertThat(b.path("payload").path("custom_details").path("exception").asText()).contains("disk full");
        });
    }
}
