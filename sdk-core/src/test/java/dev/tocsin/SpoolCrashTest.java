package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kill -9 at a random moment: a child JVM accepts 1,000 events towards a hanging endpoint and is killed; a new
 * client on the same spool, against a healthy endpoint, must deliver every event the child reported
 * persisted, in per-key order (duplicates are allowed). Runs {@code tocsin.crash.runs} times (3 by default,
 * 20 in the {@code slow} profile), cycling through the sync policies.
 */
class SpoolCrashTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static final String[] ORDER = {"trigger", "acknowledge", "resolve"};
    @org.junit.jupiter.api.io.TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyPersistedEventIsDeliveredAfterKill9() {
        int runs = Integer.getInteger("tocsin.crash.runs", 3);
        long seed = Long.getLong("tocsin.crash.seed", System.nanoTime());
        return IntStream.range(0, runs).mapToObj(run -> {
            SyncPolicy policy = SyncPolicy.values()[run % SyncPolicy.values().length];
            long runSeed = seed + run;
            return DynamicTest.dynamicTest("run " + run + " " + policy + " seed " + runSeed,
                    () -> crashAndRecover(policy, new Random(runSeed)));
        });
    }

    private void crashAndRecover(SyncPolicy policy, Random random) throws Exception {
        Path dir = Files.createTempDirectory(temp, "crash");
        api.forgetRequests();
        api.answer(Answer.normally().delayedBy(Duration.ofSeconds(60)));

        Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), SpoolCrashMain.class.getName(), dir.toString(),
                api.endpoint(), policy.name()).redirectErrorStream(true).start();
        AtomicInteger persisted = new AtomicInteger(-1);
        int killAfter = random.nextInt(SpoolCrashMain.EVENTS / 10 + 1); // a random moment, counted in reports
        java.util.concurrent.CountDownLatch killNow = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int reports = 0;
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("persisted ")) {
                        persisted.set(Integer.parseInt(line.substring(10).trim()));
                        if (++reports >= killAfter) {
                            killNow.countDown();
                        }
                    } else if (line.equals("done")) {
                        killNow.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the child died: the stream ends
            }
            killNow.countDown();
        });
        reader.start();
        assertThat(killNow.await(120, TimeUnit.SECONDS)).as("child reported progress").isTrue();
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        int lastPersisted = persisted.get();

        api.forgetRequests();
        api.answer(Answer.normally());
        Tocsin recovered = api.track(api.builder().spool(dir).build());
        assertThat(recovered.flush(Duration.ofSeconds(60))).isTrue();
        recovered.close();

        Map<String, List<String>> actionsByKey = new HashMap<>();
        Set<String> received = new HashSet<>();
        for (JsonNode body : api.alerts()) {
            String key = body.path("dedup_key").asText();
            String action = body.path("event_action").asText();
            actionsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(action);
            received.add(key + "/" + action);
        }
        for (int i = 0; i <= lastPersisted; i++) {
            String expected = SpoolCrashMain.key(i) + "/" + ORDER[SpoolCrashMain.action(i).ordinal()];
            assertThat(received).as("event %d (persisted up to %d, %s)", i, lastPersisted, policy)
                    .contains(expected);
        }
        actionsByKey.forEach((key, actions) -> assertThat(inOrder(actions))
                .as("order for %s: %s", key, actions).isTrue());
        assertThat(recovered.stats().spooled()).isZero();
    }

    @org.junit.jupiter.api.Test
    void aSecondProcessOnTheSameDirectoryIsRefused() throws Exception {
        Path dir = Files.createTempDirectory(temp, "lock");
        api.answer(Answer.normally().delayedBy(Duration.ofSeconds(60)));
        Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), SpoolCrashMain.class.getName(), dir.toString(),
                api.endpoint(), "NONE").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("persisted"));
            assertThat(line).as("the child holds the spool").isNotNull();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.builder().spool(dir).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another process");
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Trigger, then acknowledge, then resolve; repeats of an action (duplicates) are allowed. */
    static boolean inOrder(List<String> actions) {
        int last = -1;
        for (String a : actions) {
            int at = List.of(ORDER).indexOf(a);
            if (at < last) {
                return false;
            }
            last = at;
        }
        return true;
    }
}
