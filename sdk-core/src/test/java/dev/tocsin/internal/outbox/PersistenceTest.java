package dev.tocsin.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.EngineDrafts;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.internal.config.Settings;
import dev.tocsin.internal.intake.Rank;
import dev.tocsin.internal.spool.DeadLetterFile;
import dev.tocsin.internal.spool.Spool;
import dev.tocsin.internal.spool.SpoolRecord;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.spi.WireRequest;
import dev.tocsin.testing.Commands;
import dev.tocsin.testing.MutableClock;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DEADLINE = T0.plus(Duration.ofHours(1));
    private final MutableClock clock = new MutableClock(T0);
    private final List<Persistence> opened = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void closeAll() {
        opened.forEach(Persistence::close);
    }

    private Path spoolDir() {
        return tmp.resolve("spool");
    }

    private Settings settings(Path dir, int maxEvents) {
        Settings.Draft draft = EngineDrafts.withDefaults();
        draft.destinations.add(PagerDutyDestination.builder().routingKey("R0ut1ngKeyForTestsOnly0000000abc")
                .endpoint("http://127.0.0.1:9/v2/enqueue").build());
        draft.clock = clock;
        draft.source = "test-host";
        draft.spoolDir = dir;
        draft.spoolMaxEvents = maxEvents;
        return draft.check();
    }

    private Persistence open() {
        return open(spoolDir(), 1_000);
    }

    private Persistence open(Path dir, int maxEvents) {
        Persistence p = Persistence.open(settings(dir, maxEvents));
        opened.add(p);
        return p;
    }

    private static WireRequest request(String body) {
        return new WireRequest(URI.create("http://127.0.0.1:9/v2/enqueue"), body.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Test", "1"));
    }

    private static String body(WireRequest r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static Delivery delivery(long seq, String what, WireRequest request) {
        return new Delivery(request, what, "k", Rank.ERROR, T0, DEADLINE, null, seq);
    }

    private long store(Persistence p, String what, String body) {
        return p.store("lane-1", what, T0, DEADLINE, request(body));
    }

    @Test
    void memoryModeKeepsNothingOnDisk() throws Exception {
        Persistence p = Persistence.memory(clock);
        assertThat(p.durable()).isFalse();
        assertThat(p.failed()).isFalse();
        assertThat(store(p, "trigger k", "{}")).isEqualTo(Persistence.MEMORY);
        assertThat(p.size()).isZero();
        assertThat(p.recovered()).isEmpty();
        assertThatThrownBy(() -> p.load(0)).isInstanceOf(IOException.class).hasMessageContaining("closed");
        p.settled(delivery(0, "trigger k", request("{}")), "PagerDuty", "lane-1", Status.REJECTED, "400");
        p.commit();
        p.replayInto(List.of(), () -> {
            throw new AssertionError("nothing to replay");
        });
        assertThat(p.failed()).isFalse();
        p.close();
    }

    @Test
    void settingsWithoutASpoolDirectoryGiveMemory() {
        Persistence p = open(null, 1_000);
        assertThat(p.durable()).isFalse();
        assertThat(store(p, "trigger k", "{}")).isEqualTo(Persistence.MEMORY);
    }

    @Test
    void storedEventsGetSequenceNumbersAndLeaveWhenSettled() throws Exception {
        Persistence p = open();
        assertThat(p.durable()).isTrue();
        assertThat(p.failed()).isFalse();
        assertThat(p.size()).isZero();
        assertThat(Files.isDirectory(spoolDir())).as("created").isTrue();

        long a = store(p, "trigger a", "body-a");
        long b = store(p, "trigger b", "body-b");
        long c = store(p, "resolve c", "body-c");
        p.commit();
        assertThat(List.of(a, b, c)).containsExactly(0L, 1L, 2L);
        assertThat(p.size()).isEqualTo(3);
        assertThat(body(p.load(b))).isEqualTo("body-b");

        p.settled(delivery(b, "trigger b", request("body-b")), "PagerDuty", "lane-1", Status.DELIVERED, null);
        assertThat(p.size()).isEqualTo(2);
        assertThatThrownBy(() -> p.load(b)).isInstanceOf(IOException.class);
        p.settled(delivery(-1, "memory only", request("x")), "PagerDuty", "lane-1", Status.DELIVERED, null);
        assertThat(p.size()).as("an unspooled delivery settles nothing in the spool").isEqualTo(2);
        assertThat(DeadLetterFile.read(spoolDir())).as("delivered: no dead letter").isEmpty();
    }

    @Test
    void unsettledEventsAreRecoveredAfterAReopenInTheirOrder() throws Exception {
        Persistence first = open();
        long a = store(first, "trigger a", "body-a");
        long b = first.store("lane-2", "re-send trigger b", T0.plusSeconds(1), DEADLINE.plusSeconds(1),
                request("body-b"));
        long c = store(first, "change event", "body-c");
        first.settled(delivery(a, "trigger a", null), "PagerDuty", "lane-1", Status.DELIVERED, null);
        first.commit();
        first.close();

        Persistence second = open();
        assertThat(second.durable()).isTrue();
        assertThat(second.size()).isEqualTo(2);
        List<SpoolRecord> recovered = second.recovered();
        assertThat(recovered).extracting(SpoolRecord::seq).containsExactly(b, c);
        SpoolRecord rb = recovered.get(0);
        assertThat(rb.laneKey()).isEqualTo("lane-2");
        assertThat(rb.what()).isEqualTo("re-send trigger b");
        assertThat(rb.acceptedAtMillis()).isEqualTo(T0.plusSeconds(1).toEpochMilli());
        assertThat(rb.deadlineMillis()).isEqualTo(DEADLINE.plusSeconds(1).toEpochMilli());
        assertThat(body(rb.request())).isEqualTo("body-b");
        assertThat(body(second.load(c))).isEqualTo("body-c");
        assertThat(store(second, "trigger d", "body-d")).as("numbering goes on").isEqualTo(c + 1);
    }

    @Test
    void aFullSpoolRefusesTheEvent() {
        Persistence p = open(spoolDir(), 2);
        assertThat(store(p, "trigger a", "a")).isEqualTo(0);
        assertThat(store(p, "trigger b", "b")).isEqualTo(1);
        assertThat(store(p, "trigger c", "c")).isEqualTo(Persistence.FULL);
        assertThat(p.size()).isEqualTo(2);
        assertThat(p.failed()).as("full is not failed").isFalse();
        p.settled(delivery(0, "trigger a", null), "PagerDuty", "lane-1", Status.DELIVERED, null);
        assertThat(store(p, "trigger c", "c")).isEqualTo(2);
    }

    @Test
    void aRefusedOrDeadLetteredEventGoesToTheDeadLettersWithoutItsHeaders() throws Exception {
        Persistence p = open();
        long a = store(p, "trigger a", "body-a");
        long b = store(p, "trigger b", "body-b");
        clock.advance(Duration.ofMinutes(7));
        p.settled(delivery(a, "trigger a", request("body-a")), "PagerDuty", "lane-1", Status.REJECTED, "400 bad");
        p.settled(delivery(b, "trigger b", request("body-b")), "PagerDuty", "lane-1", Status.DEAD_LETTERED,
                "deadline");
        assertThat(p.size()).isZero();

        List<dev.tocsin.event.DeadLetter> lines = DeadLetterFile.read(spoolDir());
        assertThat(lines).extracting(dev.tocsin.event.DeadLetter::event).containsExactly("trigger a", "trigger b");
        dev.tocsin.event.DeadLetter first = lines.get(0);
        assertThat(first.time()).as("from the injected clock").isEqualTo(T0.plus(Duration.ofMinutes(7)));
        assertThat(first.lane()).isEqualTo("PagerDuty");
        assertThat(Files.readString(spoolDir().resolve(DeadLetterFile.NAME))).contains("\"lane_key\":\"lane-1\"");
        assertThat(first.reason()).isEqualTo("400 bad");
        assertThat(first.body()).isEqualTo("body-a");
        assertThat(Files.readString(spoolDir().resolve(DeadLetterFile.NAME))).doesNotContain("X-Test");
    }

    @Test
    void eventsOfALaneNoLongerConfiguredAreDeadLetteredOnReplay() throws Exception {
        Persistence first = open();
        store(first, "trigger a", "body-a");
        store(first, "resolve b", "body-b");
        first.close();

        Persistence second = open();
        List<CompletableFuture<Status>> outcomes = new ArrayList<>();
        second.replayInto(List.of(), () -> {
            CompletableFuture<Status> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            var result = new CompletableFuture<dev.tocsin.event.DeliveryResult>();
            result.thenAccept(r -> outcome.complete(r.status()));
            return new Settlement(result, Runnable::run, () -> { }, null, 1);
        });
        assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(o).isCompletedWithValue(Status.DEAD_LETTERED));
        assertThat(second.size()).isZero();
        assertThat(second.recovered()).as("handed over").isEmpty();
        assertThat(DeadLetterFile.read(spoolDir())).extracting(dev.tocsin.event.DeadLetter::event)
                .containsExactly("trigger a", "resolve b");
    }

    @Test
    void aSecondClientOfTheSameDirectoryIsRefusedUntilTheFirstCloses() {
        Persistence first = open();
        assertThatThrownBy(this::open).isInstanceOf(Spool.SpoolLockedException.class)
                .hasMessageContaining("in use");
        first.close();
        assertThat(open().durable()).isTrue();
    }

    @Test
    void aDirectoryThatCannotBeUsedAtOpenFallsBackToMemory() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("a-file"), "x");
        Persistence p = open(notADirectory, 1_000);
        assertThat(p.durable()).isFalse();
        assertThat(p.failed()).isFalse();
        assertThat(store(p, "trigger a", "a")).isEqualTo(Persistence.MEMORY);
    }

    @Test
    void aSpoolThatFailsDegradesToMemoryAndKeepsWhatItHadOnDisk() throws Exception {
        Persistence p = open();
        long a = store(p, "trigger a", "body-a");
        long b = store(p, "trigger b", "body-b");
        // The dead-letter file cannot be written (a directory stands in its way): an I/O failure even for root.
        Files.createDirectory(spoolDir().resolve(DeadLetterFile.NAME));
        p.settled(delivery(a, "trigger a", request("body-a")), "PagerDuty", "lane-1", Status.REJECTED, "400");
        assertDegraded(p, b);

        Files.delete(spoolDir().resolve(DeadLetterFile.NAME));
        p.close();
        Persistence next = open();
        assertThat(next.recovered()).as("both still on disk: a's dead letter was never written, so not acked")
                .extracting(r -> body(r.request())).containsExactly("body-a", "body-b");
    }

    @Test
    void aDirectoryMadeReadOnlyDegradesToMemory() throws Exception {
        Persistence p = open();
        long a = store(p, "trigger a", "body-a");
        long b = store(p, "trigger b", "body-b");
        File dir = spoolDir().toFile();
        // Permissions do not bind root, as CI runs: there the directory is made immutable instead.
        boolean immutable = false;
        try {
            if (!dir.setWritable(false, false) || canCreateIn(spoolDir())) {
                immutable = Commands.immutable(spoolDir(), true);
            }
            assertThat(canCreateIn(spoolDir())).as("the spool directory is read-only (immutable: %s)", immutable)
                    .isFalse();

            p.settled(delivery(a, "trigger a", request("body-a")), "PagerDuty", "lane-1", Status.REJECTED, "400");
            assertDegraded(p, b);
        } finally {
            if (immutable) {
                Commands.immutable(spoolDir(), false);
            }
            dir.setWritable(true, true);
        }
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createFile(dir.resolve("probe")));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Failed, but durable as configured; new events kept in memory; what was on disk still readable. */
    private void assertDegraded(Persistence p, long stillOnDisk) throws IOException {
        assertThat(p.failed()).isTrue();
        assertThat(p.durable()).as("it was configured and opened").isTrue();
        assertThat(p.size()).isZero();
        assertThat(store(p, "trigger c", "body-c")).isEqualTo(Persistence.MEMORY);
        assertThat(body(p.load(stillOnDisk))).isEqualTo("body-b");
        p.commit(); // nothing to sync any more, and no failure
        p.settled(delivery(stillOnDisk, "trigger b", null), "PagerDuty", "lane-1", Status.DELIVERED, null);
        assertThat(p.failed()).isTrue();
    }

    @Test
    void theDescriptionOfASpooledEventGivesItsKeyAndRank() {
        assertThat(Persistence.dedupKeyOf("trigger disk-full")).isEqualTo("disk-full");
        assertThat(Persistence.dedupKeyOf("re-send resolve disk full")).isEqualTo("disk full");
        assertThat(Persistence.dedupKeyOf("change event")).isNull();
        assertThat(Persistence.dedupKeyOf(null)).isNull();
        assertThat(Persistence.dedupKeyOf("nospace")).isNull();

        assertThat(Persistence.rankOf("trigger k")).isEqualTo(Rank.ERROR);
        assertThat(Persistence.rankOf("acknowledge k")).isEqualTo(Rank.CLEARS);
        assertThat(Persistence.rankOf("re-send resolve k")).isEqualTo(Rank.CLEARS);
        assertThat(Persistence.rankOf("change event")).isEqualTo(Rank.CHANGE);
        assertThat(Persistence.rankOf(null)).isEqualTo(Rank.CHANGE);
    }
}
