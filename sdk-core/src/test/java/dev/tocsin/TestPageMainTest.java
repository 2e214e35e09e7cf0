package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testkit.Answer;
import dev.tocsin.testing.InboxFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code java dev.tocsin.TestPage} in a JVM of its own: what a shell script or a CI job sees. */
class TestPageMainTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private record Run(int code, String output) {
    }

    private Run java(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), TestPage.class.getName());
        pb.command().addAll(java.util.List.of(args));
        pb.environment().keySet().removeIf(k -> k.startsWith("TOCSIN_"));
        pb.environment().putAll(env);
        Process child = pb.redirectErrorStream(true).start();
        try {
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
            return new Run(child.exitValue(), output);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void exitsZeroWhenEveryStepPasses() throws Exception {
        Run run = java(Map.of("TOCSIN_ROUTING_KEY", InboxFixture.ROUTING_KEY, "TOCSIN_EVENTS_URL", api.endpoint()),
                "--timeout", "20s");

        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("PASSED").doesNotContain(InboxFixture.ROUTING_KEY);
        assertThat(api.alerts()).hasSize(2);
    }

    @Test
    void exitsOneWhenAStepFails() throws Exception {
        api.answer(Answer.status(400).withBody("{\"status\":\"invalid event\",\"errors\":[\"bad\"]}"));

        Run run = java(Map.of("TOCSIN_ROUTING_KEY", InboxFixture.ROUTING_KEY, "TOCSIN_EVENTS_URL", api.endpoint()));

        assertThat(run.code()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("trigger: refused with HTTP 400: bad");
    }

    @Test
    void exitsTwoWithoutADestination() throws Exception {
        Run run = java(Map.of());

        assertThat(run.code()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("tocsin: no destination to test");
    }
}
