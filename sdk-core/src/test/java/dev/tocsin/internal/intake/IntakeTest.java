package dev.tocsin.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.DeliveryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounds of the intake queue, what {@link Intake#offer} returns, and who is shed when it is full. */
class IntakeTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Submission event(String name, int rank) {
        return event(name, rank, 100);
    }

    private static Submission event(String name, int rank, long bytes) {
        return new Submission(name, null, T0, bytes, null, rank);
    }

    /** Polls everything: the names of the events to process, and "shed:" plus the names of those given up. */
    private static List<String> drain(Intake intake) {
        List<String> out = new ArrayList<>();
        int n = 0;
        long bytes = 0;
        for (Submission s; (s = intake.poll()) != null; n++) {
            out.add((s.wasShed() ? "shed:" : "") + s.event());
            bytes += intake.weight(s);
        }
        intake.release(n, bytes);
        return out;
    }

    @Test
    void aFullQueueAdmitsAMoreSevereEventAndShedsTheOldestOfTheLowestRank() {
        Intake intake = new Intake(4, 1_000_000);
        assertThat(intake.offer(event("e1", Rank.ERROR))).isEqualTo(1);
        intake.offer(event("i1", Rank.INFO));
        intake.offer(event("w1", Rank.WARNING));
        intake.offer(event("i2", Rank.INFO));

        assertThat(intake.offer(event("c1", Rank.CRITICAL))).as("shed its way in").isEqualTo(-5);
        assertThat(intake.offer(event("w2", Rank.WARNING))).as("sheds the other info").isEqualTo(-6);
        assertThat(intake.offer(event("w3", Rank.WARNING))).as("nothing below a warning is left").isZero();
        assertThat(intake.offer(event("e2", Rank.ERROR))).as("sheds w1").isEqualTo(-7);

        assertThat(drain(intake)).containsExactly("e1", "shed:i1", "shed:w1", "shed:i2", "c1", "w2", "e2");
        assertThat(intake.size()).isZero();
        assertThat(intake.offer(event("i3", Rank.INFO))).as("room again, and no debt left").isEqualTo(1);
        assertThat(drain(intake)).containsExactly("i3");
    }

    @Test
    void anEventNotMoreSevereThanAnythingQueuedIsRefused() {
        Intake intake = new Intake(2, 1_000_000);
        intake.offer(event("e1", Rank.ERROR));
        intake.offer(event("c1", Rank.CRITICAL));
        assertThat(intake.offer(event("e2", Rank.ERROR))).isZero();
        assertThat(intake.offer(event("change", Rank.CHANGE))).isZero();
        assertThat(intake.offer(event("c2", Rank.CRITICAL))).as("sheds e1").isNegative();
        assertThat(intake.offer(event("c3", Rank.CRITICAL))).isZero();
        assertThat(drain(intake)).containsExactly("shed:e1", "c1", "c2");
    }

    @Test
    void sheddingHoldsAtMostTwiceTheCapacity() {
        Intake intake = new Intake(100, 1_000_000);
        for (int i = 0; i < 100; i++) {
            intake.offer(event("i" + i, Rank.INFO));
        }
        int admitted = 0;
        for (int i = 0; i < 1_000; i++) {
            admitted += intake.offer(event("r" + i, Rank.CLEARS)) != 0 ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(100);
        assertThat(intake.size()).isEqualTo(200);
        List<String> out = drain(intake);
        assertThat(out.stream().filter(s -> s.startsWith("shed:"))).hasSize(100);
        assertThat(out.stream().filter(s -> s.startsWith("r"))).hasSize(100);
    }

    @Test
    void aQueueFullByBytesShedsTooButNeverPastTwiceItsBytes() {
        Intake intake = new Intake(100, 1_000);
        intake.offer(event("w1", Rank.WARNING, 500));
        intake.offer(event("w2", Rank.WARNING, 500));
        assertThat(intake.offer(event("e1", Rank.ERROR, 600))).isNegative();
        assertThat(intake.offer(event("e2", Rank.ERROR, 600))).as("2,200 bytes > twice 1,000").isZero();
        assertThat(intake.offer(event("e3", Rank.ERROR, 400))).isNegative();
        assertThat(drain(intake)).containsExactly("shed:w1", "shed:w2", "e1", "e3");
    }

    @Test
    void offerCountsTheEventsQueuedThisOneIncludedAndRefusesPastTheCount() {
        Intake intake = new Intake(3, 1_000_000);
        assertThat(intake.offer(event("a", Rank.ERROR))).isEqualTo(1);
        assertThat(intake.offer(event("b", Rank.ERROR))).isEqualTo(2);
        assertThat(intake.offer(event("c", Rank.ERROR))).isEqualTo(3);
        assertThat(intake.offer(event("d", Rank.ERROR))).as("full by count, nothing less severe").isZero();
        assertThat(intake.size()).isEqualTo(3);
        assertThat(drain(intake)).containsExactly("a", "b", "c");
    }

    @Test
    void aQueueFullByBytesRefusesWhatWouldNotFitButTakesWhatStillFits() {
        Intake intake = new Intake(100, 1_000);
        assertThat(intake.offer(event("a", Rank.ERROR, 600))).isEqualTo(1);
        assertThat(intake.offer(event("b", Rank.ERROR, 401))).as("1,001 bytes").isZero();
        assertThat(intake.offer(event("c", Rank.ERROR, 400))).as("exactly 1,000 bytes").isEqualTo(2);
        assertThat(intake.offer(event("d", Rank.ERROR, 0))).as("no room left, even for nothing").isEqualTo(3);
        assertThat(intake.offer(event("e", Rank.ERROR, 1))).isZero();
        assertThat(drain(intake)).containsExactly("a", "c", "d");
    }

    @Test
    void anEventHeavierThanTheWholeQueueWeighsTheQueueAndNegativeBytesWeighNothing() {
        Intake intake = new Intake(10, 1_000);
        Submission huge = event("huge", Rank.ERROR, 5_000);
        Submission negative = event("negative", Rank.ERROR, -50);
        assertThat(intake.weight(huge)).isEqualTo(1_000);
        assertThat(intake.weight(negative)).isZero();

        assertThat(intake.offer(huge)).as("an empty queue takes it, counted as its capacity").isEqualTo(1);
        assertThat(intake.offer(event("small", Rank.ERROR, 1))).isZero();
        assertThat(intake.offer(negative)).isEqualTo(2);
        assertThat(drain(intake)).containsExactly("huge", "negative");
        assertThat(intake.offer(event("small", Rank.ERROR, 1))).isEqualTo(1);
    }

    @Test
    void takenEventsHoldTheirRoomUntilReleased() {
        Intake intake = new Intake(2, 1_000_000);
        intake.offer(event("a", Rank.ERROR));
        intake.offer(event("b", Rank.ERROR));
        Submission a = intake.poll();
        Submission b = intake.poll();
        assertThat(List.of(a.event(), b.event())).containsExactly("a", "b");
        assertThat(intake.poll()).isNull();
        assertThat(intake.isEmpty()).as("nothing left to poll").isTrue();
        assertThat(intake.size()).as("but both still hold their room").isEqualTo(2);
        assertThat(intake.offer(event("c", Rank.ERROR))).isZero();

        intake.release(1, intake.weight(a));
        assertThat(intake.size()).isEqualTo(1);
        assertThat(intake.offer(event("c", Rank.ERROR))).as("b is still taken, not released").isEqualTo(2);
        intake.release(0, 12_345); // no events: nothing given back
        assertThat(intake.size()).isEqualTo(2);
        intake.release(1, intake.weight(b));
        assertThat(drain(intake)).containsExactly("c");
        assertThat(intake.size()).isZero();
        assertThat(intake.offer(event("d", Rank.ERROR))).as("the consumer has nothing again").isEqualTo(1);
    }

    @Test
    void releasedBytesMakeRoomForTheNextOffer() {
        Intake intake = new Intake(100, 500);
        intake.offer(event("a", Rank.ERROR, 300));
        intake.offer(event("b", Rank.ERROR, 200));
        assertThat(intake.offer(event("c", Rank.ERROR, 250))).isZero();
        Submission a = intake.poll();
        intake.release(1, intake.weight(a));
        assertThat(intake.offer(event("c", Rank.ERROR, 250))).isEqualTo(2);
        assertThat(drain(intake)).containsExactly("b", "c");
    }

    @Test
    void pollReturnsEventsInTheOrderOfferedWhateverTheirRank() {
        Intake intake = new Intake(10, 1_000_000);
        int[] ranks = {Rank.CHANGE, Rank.CLEARS, Rank.INFO, Rank.CRITICAL, Rank.WARNING, Rank.ERROR};
        for (int i = 0; i < ranks.length; i++) {
            assertThat(intake.offer(event("e" + i, ranks[i]))).isEqualTo(i + 1);
        }
        assertThat(intake.isEmpty()).isFalse();
        assertThat(drain(intake)).containsExactly("e0", "e1", "e2", "e3", "e4", "e5");
        assertThat(intake.isEmpty()).isTrue();
        assertThat(intake.poll()).isNull();
    }

    @Test
    void theLowestRankIsShedFirstEvenWhenAHigherOneIsOlder() {
        Intake intake = new Intake(3, 1_000_000);
        intake.offer(event("w1", Rank.WARNING));
        intake.offer(event("i1", Rank.INFO));
        intake.offer(event("e1", Rank.ERROR));
        assertThat(intake.offer(event("c1", Rank.CRITICAL))).isEqualTo(-4);
        assertThat(drain(intake)).containsExactly("w1", "shed:i1", "e1", "c1");
    }

    @Test
    void eachMoreSevereEventShedsTheLowestRankStillUnshed() {
        Intake intake = new Intake(3, 1_000_000);
        intake.offer(event("w1", Rank.WARNING));
        intake.offer(event("i1", Rank.INFO));
        intake.offer(event("change", Rank.CHANGE));

        assertThat(intake.offer(event("e1", Rank.ERROR))).as("sheds the change event").isEqualTo(-4);
        assertThat(intake.offer(event("e2", Rank.ERROR))).as("then the info").isEqualTo(-5);
        assertThat(intake.offer(event("e3", Rank.ERROR))).as("then the warning").isEqualTo(-6);
        assertThat(intake.offer(event("e4", Rank.ERROR))).as("only errors live now").isZero();
        assertThat(intake.size()).isEqualTo(6);
        assertThat(drain(intake)).containsExactly("shed:w1", "shed:i1", "shed:change", "e1", "e2", "e3");
    }

    @Test
    void aChangeEventIsNeverAdmittedBySheddingAndClearsShedEveryTrigger() {
        Intake intake = new Intake(2, 1_000_000);
        intake.offer(event("c1", Rank.CRITICAL));
        intake.offer(event("change1", Rank.CHANGE));
        assertThat(intake.offer(event("change2", Rank.CHANGE))).isZero();
        assertThat(intake.offer(event("resolve1", Rank.CLEARS))).as("sheds the change").isEqualTo(-3);
        assertThat(intake.offer(event("resolve2", Rank.CLEARS))).as("sheds even a critical").isEqualTo(-4);
        assertThat(intake.offer(event("resolve3", Rank.CLEARS))).isZero();
        assertThat(drain(intake)).containsExactly("shed:c1", "shed:change1", "resolve1", "resolve2");
    }

    @Test
    void anEventAlreadyTakenByTheConsumerIsNotShed() {
        Intake intake = new Intake(2, 1_000_000);
        intake.offer(event("i1", Rank.INFO));
        intake.offer(event("w1", Rank.WARNING));
        Submission taken = intake.poll(); // i1: taken, its room still held
        assertThat(taken.wasShed()).isFalse();

        assertThat(intake.offer(event("e1", Rank.ERROR))).as("sheds w1, not the taken i1").isEqualTo(-3);
        assertThat(intake.offer(event("e2", Rank.ERROR))).as("nothing less severe is left in the queue").isZero();
        intake.release(1, intake.weight(taken));
        assertThat(drain(intake)).containsExactly("shed:w1", "e1");
    }

    @Test
    void aShedSubmissionKeepsItsEventAndFutureButNotItsRank() {
        Intake intake = new Intake(1, 1_000_000);
        CompletableFuture<DeliveryResult> future = new CompletableFuture<>();
        Throwable error = new IllegalStateException("boom");
        Submission info = new Submission("info", error, T0, 100, future, Rank.INFO);
        intake.offer(info);
        assertThat(intake.offer(event("critical", Rank.CRITICAL))).isEqualTo(-2);

        Submission shed = intake.poll();
        assertThat(shed.wasShed()).isTrue();
        assertThat(shed.rank()).isEqualTo(Rank.SHED);
        assertThat(shed.event()).isEqualTo("info");
        assertThat(shed.error()).isSameAs(error);
        assertThat(shed.acceptedAt()).isEqualTo(T0);
        assertThat(shed.result()).isSameAs(future);
        assertThat(intake.weight(shed)).as("its room, to be released").isEqualTo(100);
        Submission critical = intake.poll();
        assertThat(critical.wasShed()).isFalse();
        assertThat(critical.rank()).isEqualTo(Rank.CRITICAL);
        intake.release(2, intake.weight(shed) + intake.weight(critical));
        assertThat(intake.size()).isZero();
    }

    @Test
    void aShedEventKeepsItsRoomUntilReleasedSoShedEventsCountInSize() {
        Intake intake = new Intake(2, 1_000_000);
        intake.offer(event("i1", Rank.INFO));
        intake.offer(event("i2", Rank.INFO));
        intake.offer(event("e1", Rank.ERROR));
        assertThat(intake.size()).isEqualTo(3);
        Submission shed = intake.poll();
        assertThat(shed.wasShed()).isTrue();
        intake.release(1, intake.weight(shed));
        assertThat(intake.size()).isEqualTo(2);
        assertThat(intake.offer(event("w1", Rank.WARNING))).as("full again by live events: sheds i2").isEqualTo(-3);
        assertThat(drain(intake)).containsExactly("shed:i2", "e1", "w1");
    }

    @Test
    void hugeBoundsAreCappedToWhatTheStateWordHolds() {
        Intake intake = new Intake(Integer.MAX_VALUE, Long.MAX_VALUE);
        assertThat(intake.weight(event("big", Rank.ERROR, Long.MAX_VALUE))).isEqualTo(Intake.MAX_BYTES);
        assertThat(intake.offer(event("big", Rank.ERROR, Long.MAX_VALUE))).isEqualTo(1);
        assertThat(intake.offer(event("more", Rank.ERROR, 1))).as("the capped bytes are full").isZero();
        assertThat(drain(intake)).containsExactly("big");
    }

    @Test
    void racingProducersFillTheQueueExactlyToItsCount() throws Exception {
        int capacity = 1_000;
        int threads = 4;
        int each = 2_000;
        Intake intake = new Intake(capacity, 1L << 30);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger negative = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread p = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    int r = intake.offer(event(id + ":" + i, Rank.ERROR));
                    if (r > 0) {
                        admitted.incrementAndGet();
                    } else if (r < 0) {
                        negative.incrementAndGet();
                    }
                }
            });
            p.start();
            producers.add(p);
        }
        start.countDown();
        for (Thread p : producers) {
            p.join();
        }
        assertThat(admitted.get()).isEqualTo(capacity);
        assertThat(negative.get()).as("one rank only: nothing to shed").isZero();
        assertThat(intake.size()).isEqualTo(capacity);
        List<String> out = drain(intake);
        assertThat(out).hasSize(capacity).doesNotHaveDuplicates().noneMatch(s -> s.startsWith("shed:"));
        for (int t = 0; t < threads; t++) { // each producer's own events stay in its order
            String prefix = t + ":";
            List<Integer> mine = out.stream().filter(s -> s.startsWith(prefix))
                    .map(s -> Integer.parseInt(s.substring(prefix.length()))).toList();
            assertThat(mine).isSorted();
        }
    }
}
