package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Answer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UncaughtExceptionAlertsTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @Test
    void aDyingMainThreadPagesBeforeTheJvmExits() throws Exception {
        Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), DyingMain.class.getName(), api.endpoint())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).isEqualTo(1);
        assertThat(output).contains("Exception in thread \"main\" java.lang.IllegalStateException");
        List<JsonNode> bodies = api.alerts();
        assertThat(bodies).hasSize(1);
        JsonNode payload = bodies.get(0).path("payload");
        assertThat(payload.path("severity").asText()).isEqualTo("critical");
        assertThat(payload.path("summary").asText())
                .contains("IllegalStateException").contains("\"main\"").contains("payments.url");
        assertThat(payload.path("source").asText()).isEqualTo("dying-host");
        assertThat(bodies.get(0).path("dedup_key").asText()).startsWith("IllegalStateException-");
    }

    @Test
    void itChainsToThePreviousHandlerAndUninstallRestoresIt() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        List<Throwable> seenByPrevious = new CopyOnWriteArrayList<>();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> seenByPrevious.add(e));
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        try {
            Tocsin tocsin = api.client();
            UncaughtExceptionAlerts handler = UncaughtExceptionAlerts.install(tocsin);
            assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(handler);

            Thread worker = new Thread(() -> {
                throw new IllegalArgumentException("bad row");
            }, "worker-7");
            worker.start();
            worker.join(10_000);

            assertThat(seenByPrevious).singleElement().isInstanceOf(IllegalArgumentException.class);
            assertThat(api.alerts()).singleElement().satisfies(b ->
                    assertThat(b.path("payload").path("custom_details").path("thread").asText())
                            .isEqualTo("worker-7"));
            handler.uninstall();
            assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(previous);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void aHangingEndpointDelaysTheDyingThreadOnlyByTheWait() throws Exception {
        api.answer(Answer.normally().delayedBy(java.time.Duration.ofSeconds(60)));
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        java.util.concurrent.CountDownLatch handedOn = new java.util.concurrent.CountDownLatch(1);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> handedOn.countDown());
        try {
            Tocsin tocsin = api.track(api.builder().requestTimeout(java.time.Duration.ofSeconds(30)).build());
            UncaughtExceptionAlerts.install(tocsin, java.time.Duration.ofMillis(200));
            new Thread(() -> {
                throw new IllegalStateException("x");
            }).start();
            assertThat(handedOn.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
