package dev.tocsin.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
