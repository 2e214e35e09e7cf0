package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tocsin.event.Alert;
import dev.tocsin.micrometer.TocsinMetrics;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Answer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the spool promises at its edges: one owner per directory, and a persist() that tells the truth. */
class SpoolEdgesTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @TempDir
    Path dir;

    @Test
    void aRefusedSecondClientInTheSameJvmLeavesTheDirectoryLockedAgainstOtherProcesses() throws Exception {
        api.track(api.builder().spool(dir).build());
        assertThatThrownBy(() -> api.builder().spool(dir).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another process");

        // The first client still holds the directory: another process is refused too.
        Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), SpoolCrashMain.class.getName(), dir.toString(),
                api.endpoint(), "NONE").redirectErrorStream(true).start();
        try {
            List<String> output;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                output = out.lines().limit(10_000).collect(Collectors.toList());
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("child output: %s", output).isNotZero();
            assertThat(output).anyMatch(l -> l.contains("in use by another process"))
                    .noneMatch(l -> l.startsWith("persisted"));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void persistDoesNotReportEventsKeptInMemoryAfterTheDiskFills() throws Exception {
        api.answer(Answer.status(503));
        // The first segment is /dev/full: every write fails with "No space left on device".
        Files.createSymbolicLink(dir.resolve("spool-0000000000000001.log"), Path.of("/dev/full"));
        try (LogCapture logs = new LogCapture()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Tocsin tocsin = api.track(api.builder().spool(dir).listener(new TocsinMetrics(registry)).build());
            assertThat(registry.get("tocsin.spool.failed").gauge().value()).isZero();
            tocsin.trigger(Alert.trigger("disk full").dedupKey("disk").build());

            assertThat(tocsin.persist(Duration.ofMillis(500))).as("kept in memory only, and undelivered").isFalse();
            assertThat(tocsin.stats().spoolFailed()).isTrue();
            assertThat(registry.get("tocsin.spool.failed").gauge().value()).isEqualTo(1);
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("IN MEMORY ONLY"));

            api.answer(Answer.normally());
            assertThat(tocsin.persist(Duration.ofSeconds(10))).as("delivered: safe after all").isTrue();
        }
    }

    @Test
    void persistIsTrueAfterAStormUpdateWhenNothingIsPending() {
        Tocsin tocsin = api.track(api.builder().spool(dir).coalesceWindow(Duration.ofMillis(100)).build());
        tocsin.trigger(Alert.trigger("flapping").dedupKey("flap").build());
        tocsin.trigger(Alert.trigger("flapping").dedupKey("flap").build()); // counted into the storm window

        await().atMost(Duration.ofSeconds(10)).until(() -> api.alertCount() >= 2); // the window's update went out
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(tocsin.persist(Duration.ofSeconds(2))).isTrue();
        tocsin.trigger(Alert.trigger("later").dedupKey("later").build());
        assertThat(tocsin.persist(Duration.ofSeconds(2))).isTrue();
    }
}
