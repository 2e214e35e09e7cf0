package dev.tocsin;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** "Accepted" means "will be delivered": the spool across restarts, dead letters, and bad disks. */
class SpoolDeliveryTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @TempDir
    Path dir;

    private Tocsin spooled(Path spool) {
        return api.builder().spool(spool).shutdownTimeout(Duration.ofMillis(500)).build();
    }

    @Test
    void closeWithTheEndpointDownPersistsAndTheNextStartDeliversInOrder() {
        // One failed attempt, then a wait longer than close() takes: no retry of the first client can reach the
        // server after the request log is reset below and be counted as the second client's.
        api.answer(Answer.status(503).withRetryAfter("60"));
        Tocsin first = spooled(dir);
        for (int k = 0; k < 3; k++) {
            first.trigger(Alert.trigger("disk full " + k).dedupKey("key-" + k).build());
            first.acknowledge("key-" + k);
            first.resolve("key-" + k);
        }
        assertThat(first.persist(Duration.ofSeconds(5))).isTrue();
        assertThat(first.stats().spooled()).isEqualTo(9);
        assertTimeoutPreemptively(Duration.ofSeconds(5), first::close);

        api.forgetRequests();
        api.answer(Answer.normally());
        Tocsin second = api.track(spooled(dir));
        assertThat(second.flush(Duration.ofSeconds(10))).isTrue();

        // The contract: at least once, and in each key's order, counting the requests the server accepted (a
        // request of the first client may still land after the reset above, answered 503).
        List<JsonNode> accepted = api.requests(InboxFixture.ALERTS_PATH).stream()
                .filter(e -> e.status() == 202)
                .map(dev.tocsin.testkit.ReceivedRequest::json).toList();
        for (int k = 0; k < 3; k++) {
            String key = "key-" + k;
            List<String> actions = accepted.stream().filter(b -> b.path("dedup_key").asText().equals(key))
                    .map(b -> b.path("event_action").asText()).toList();
            assertThat(actions).as("%s: %s", key, actions).contains("trigger", "acknowledge", "resolve");
            assertThat(SpoolCrashTest.inOrder(actions)).as("%s in order: %s", key, actions).isTrue();
        }
        assertThat(second.stats().spooled()).isZero();
    }

    @Test
    void refusedEventsGoToTheDeadLettersAndCanBeRequeued() throws Exception {
        api.answer(Answer.status(400).withBody(
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"bad class\"]}"));
        try (Tocsin first = spooled(dir)) {
            assertThat(first.trigger(Alert.trigger("boom").dedupKey("boom").build()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.REJECTED);
        }
        List<dev.tocsin.event.DeadLetter> letters = DeadLetters.read(dir);
        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.reason()).contains("bad class");
            assertThat(l.event()).isEqualTo("trigger boom");
            assertThat(l.toString()).doesNotContain(ROUTING_KEY);
        });
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("dead-letters.jsonl")))).isEqualTo("rw-------");

        api.forgetRequests();
        api.answer(Answer.normally());
        assertThat(DeadLetters.requeue(dir, Duration.ofHours(1))).isEqualTo(1);
        assertThat(DeadLetters.read(dir)).isEmpty();
        Tocsin second = api.track(spooled(dir));
        assertThat(second.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(api.alerts()).singleElement()
                .satisfies(b -> assertThat(b.path("dedup_key").asText()).isEqualTo("boom"));
    }

    @Test
    void aSecondClientOnTheSameDirectoryIsRefusedAtBuild() {
        api.track(spooled(dir));
        assertThatThrownBy(() -> spooled(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another process");
    }

    @Test
    void aDirectoryThatCannotBeWrittenDegradesToMemoryLoudly() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            Tocsin tocsin = api.track(spooled(Path.of("/sys/tocsin-spool-test")));
            assertThat(tocsin.trigger("still delivered", Severity.ERROR).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.DELIVERED);
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("IN MEMORY ONLY"));
        }
    }

    @Test
    void aFullDiskDegradesToMemoryLoudlyAndNothingIsLost() throws Exception {
        // The next segment is /dev/full: every write fails with "No space left on device".
        Files.createSymbolicLink(dir.resolve("spool-0000000000000001.log"), Path.of("/dev/full"));
        try (LogCapture logs = new LogCapture()) {
            Tocsin tocsin = api.track(spooled(dir));
            var first = tocsin.trigger(Alert.trigger("a").dedupKey("a").build()).toCompletableFuture();
            var second = tocsin.trigger(Alert.trigger("b").dedupKey("b").build()).toCompletableFuture();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.DELIVERED);
            assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.DELIVERED);
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("No space left on device")
                    && l.contains("IN MEMORY ONLY"));
        }
    }

    @Test
    void aFullSpoolDropsTheNewestCountsAndWarns() throws Exception {
        api.answer(Answer.status(503));
        Tocsin tocsin = api.track(api.builder().spool(dir).spoolCapacity(3, 1L << 20).build());
        for (int i = 0; i < 5; i++) {
            tocsin.trigger(Alert.trigger("e" + i).dedupKey("k" + i).build());
        }
        assertThat(tocsin.persist(Duration.ofSeconds(5))).as("two were dropped: not persisted").isFalse();
        assertThat(tocsin.stats().spooled()).isEqualTo(3);
        assertThat(tocsin.stats().dropped()).isEqualTo(2);
        assertThat(tocsin.persist(Duration.ofSeconds(5))).as("no drop since the last call").isTrue();
    }
}
