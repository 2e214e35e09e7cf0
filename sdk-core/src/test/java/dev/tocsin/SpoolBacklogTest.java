package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.event.Alert;
import dev.tocsin.testing.Commands;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Answer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the spool on, the spool's capacity is the bound, not the lane buffer: a backlog far larger than the buffer
 * waits on disk whole, nothing is dropped, and it is delivered in each key's order, after a {@code kill -9} too.
 */
class SpoolBacklogTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static final int KEYS = 1_000;
    @TempDir
    Path dir;

    @Test
    void aBacklogLargerThanTheLaneBufferIsSpooledWholeAndNothingIsDropped() {
        api.answer(Answer.status(503));
        Tocsin tocsin = api.track(api.builder().spool(dir).bufferCapacity(100).build());
        for (int i = 0; i < KEYS; i++) {
            tocsin.trigger(Alert.trigger("order " + i + " failed").dedupKey("k" + i).build());
        }
        for (int i = 0; i < 200; i++) {
            tocsin.acknowledge("k" + i);
        }
        for (int i = 0; i < 100; i++) {
            tocsin.resolve("k" + i);
        }

        assertThat(tocsin.persist(Duration.ofSeconds(30))).isTrue();
        assertThat(tocsin.stats().dropped()).isZero();
        assertThat(tocsin.stats().spooled()).isEqualTo(KEYS + 300);
        assertThat(tocsin.stats().outboxDepth()).isEqualTo(KEYS + 300);

        api.answer(Answer.normally());
        assertThat(tocsin.flush(Duration.ofSeconds(60))).isTrue();
        assertThat(tocsin.stats().dropped()).isZero();
        assertThat(tocsin.stats().spooled()).isZero();
        Map<String, List<String>> byKey = accepted202ByKey();
        for (int i = 0; i < KEYS; i++) {
            List<String> actions = byKey.getOrDefault("k" + i, List.of());
            assertThat(actions).as("k%d: %s", i, actions).contains("trigger");
            if (i < 200) {
                assertThat(actions).contains("acknowledge");
            }
            if (i < 100) {
                assertThat(actions).contains("resolve");
            }
            assertThat(SpoolCrashTest.inOrder(actions)).as("order of k%d: %s", i, actions).isTrue();
        }
    }

    @Test
    void aBacklogLargerThanTheLaneBufferSurvivesKill9AndIsDeliveredInOrder() throws Exception {
        api.answer(Answer.status(503));
        Child child = start(dir, "100", String.valueOf(SpoolCrashMain.EVENTS), "30000");
        int persisted = child.killWhen(line -> line.equals("done"));
        assertThat(persisted).as("the child persisted everything").isEqualTo(SpoolCrashMain.EVENTS - 1);

        assertEveryPersistedEventIsDeliveredInOrder(dir, persisted);
    }

    /** A 1 MiB tmpfs (root only; else /dev/full) fills under a backlog; about 15 s, so in the slow suite. */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void aDiskThatFillsUpUnderABacklogLosesNothingThatWasReportedPersisted() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tmpfs"));
        boolean mounted = Commands.mountTmpfs(mount, "1m");
        Path spool = mount.resolve("spool");
        try {
            if (!mounted) {
                // Not allowed to mount: the first segment is /dev/full instead, so the very first write fails.
                Files.createDirectories(spool);
                Files.createSymbolicLink(spool.resolve("spool-0000000000000001.log"), Path.of("/dev/full"));
            }
            api.answer(Answer.status(503));
            Child child = start(spool, "100", "5000", "200");
            AtomicInteger afterFailure = new AtomicInteger(-1);
            int persisted = child.killWhen(line -> {
                if (line.contains("IN MEMORY ONLY")) {
                    afterFailure.set(0);
                } else if (afterFailure.get() >= 0 && line.startsWith("not persisted")) {
                    return afterFailure.incrementAndGet() >= 3; // a few events kept in memory only
                }
                return line.equals("done");
            });
            assertThat(afterFailure.get()).as("the disk filled up: %s", child.output).isPositive();
            if (!mounted) {
                Files.delete(spool.resolve("spool-0000000000000001.log"));
            }
            assertEveryPersistedEventIsDeliveredInOrder(spool, persisted);
        } finally {
            if (mounted) {
                Commands.unmount(mount);
            }
        }
    }

    private void assertEveryPersistedEventIsDeliveredInOrder(Path spool, int persisted) {
        api.forgetRequests();
        api.answer(Answer.normally());
        Tocsin recovered = api.track(api.builder().spool(spool).bufferCapacity(100).build());
        assertThat(recovered.flush(Duration.ofSeconds(60))).isTrue();
        assertThat(recovered.stats().dropped()).isZero();
        recovered.close();

        Map<String, List<String>> byKey = accepted202ByKey();
        Set<String> received = new HashSet<>();
        byKey.forEach((key, actions) -> actions.forEach(a -> received.add(key + "/" + a)));
        for (int i = 0; i <= persisted; i++) {
            String expected = SpoolCrashMain.key(i) + "/"
                    + SpoolCrashMain.action(i).name().toLowerCase(java.util.Locale.ROOT);
            assertThat(received).as("event %d (persisted up to %d)", i, persisted).contains(expected);
        }
        byKey.forEach((key, actions) -> assertThat(SpoolCrashTest.inOrder(actions))
                .as("order for %s: %s", key, actions).isTrue());
    }

    /** The actions the server accepted, per dedup key, in arrival order. */
    private Map<String, List<String>> accepted202ByKey() {
        Map<String, List<String>> byKey = new HashMap<>();
        api.requests(InboxFixture.ALERTS_PATH).stream()
                .filter(e -> e.status() == 202)
                .map(dev.tocsin.testkit.ReceivedRequest::json)
                .forEach((JsonNode b) -> byKey.computeIfAbsent(b.path("dedup_key").asText(), k -> new ArrayList<>())
                        .add(b.path("event_action").asText()));
        return byKey;
    }

    private Child start(Path spool, String buffer, String events, String persistMillis) throws Exception {
        return new Child(new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), SpoolCrashMain.class.getName(), spool.toString(),
                api.endpoint(), SyncPolicy.EVERY_EVENT.name(), buffer, events, persistMillis)
                .redirectErrorStream(true).start());
    }

    /** A child JVM whose output is read until it is killed with SIGKILL. */
    private static final class Child {
        final Process process;
        final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());

        Child(Process process) {
            this.process = process;
        }

        /** Reads the output until {@code now} says so, then kills the child; the last event reported persisted. */
        int killWhen(Predicate<String> now) throws Exception {
            AtomicInteger persisted = new AtomicInteger(-1);
            CountDownLatch kill = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (output.size() < 10_000) {
                            output.add(line);
                        }
                        if (line.startsWith("persisted ")) {
                            persisted.set(Integer.parseInt(line.substring(10).trim()));
                        }
                        if (kill.getCount() > 0 && now.test(line)) {
                            kill.countDown();
                        }
                    }
                } catch (java.io.IOException e) {
                    // killed: the stream ends
                }
                kill.countDown();
            });
            reader.start();
            try {
                assertThat(kill.await(180, TimeUnit.SECONDS)).as("child output: %s", output).isTrue();
            } finally {
                process.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            reader.join(10_000);
            return persisted.get();
        }
    }
}
