package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testing.InboxFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A page triggered just before the JVM exits is sent, whether main returns or calls System.exit. */
class ExitTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private int runChild(String how) throws Exception {
        Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), ExitingMain.class.getName(), api.endpoint(), how)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits within its shutdown timeout").isTrue();
            return child.exitValue();
        } finally {
            child.destroyForcibly();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"return", "exit"})
    void aPageTriggeredJustBeforeTheJvmExitsIsSent(String how) throws Exception {
        int exit = runChild(how);

        assertThat(exit).isEqualTo(how.equals("exit") ? 3 : 0);
        assertThat(api.alerts()).singleElement().satisfies(b -> {
            assertThat(b.path("dedup_key").asText()).isEqualTo("nightly-job");
            assertThat(b.path("payload").path("severity").asText()).isEqualTo("critical");
        });
    }
}
