package dev.tocsin.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.internal.intake.Rank;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LaneQueueTest {
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final LaneQueue queue = new LaneQueue();
    private int arrivals;

    private Delivery add(String what, String key, int rank) {
        Instant at = t0.plusSeconds(arrivals++);
        Delivery d = new Delivery(null, what, key, rank, at, at.plus(Duration.ofMinutes(10)), null, -1);
        queue.add(d);
        return d;
    }

    /** Sends the best head and settles it, as a delivered send does. */
    private String sendNext() {
        Delivery d = queue.startBest();
        assertThat(queue.finishInFlight()).isSameAs(d);
        return d.what();
    }

    @Test
    void theMostSevereHeadGoesFirstAndTiesGoOldestFirst() {
        add("w1", "a", Rank.WARNING);
        add("e1", "b", Rank.ERROR);
        add("c1", "c", Rank.CRITICAL);
        add("e2", "d", Rank.ERROR);
        add("change", null, Rank.CHANGE);
        add("i1", "e", Rank.INFO);
        assertThat(new String[] {sendNext(), sendNext(), sendNext(), sendNext(), sendNext(), sendNext()})
                .containsExactly("c1", "e1", "e2", "w1", "i1", "change");
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.startBest()).isNull();
    }

    @Test
    void aKeysLaterEventsNeverOvertakeItsEarlierOnes() {
        add("trigger db", "db", Rank.WARNING);
        add("trigger x", "x", Rank.ERROR);
        add("resolve db", "db", Rank.CLEARS);
        add("trigger db again", "db", Rank.CRITICAL);
        // db holds a critical behind its warning: db competes as critical and its events go in their order.
        assertThat(new String[] {sendNext(), sendNext(), sendNext(), sendNext()})
                .containsExactly("trigger db", "resolve db", "trigger db again", "trigger x");
    }

    @Test
    void aKeyWithOnlyLesserTriggersCompetesWithItsHeadNotItsQueuedResolve() {
        add("trigger w", "w", Rank.WARNING);
        add("resolve w", "w", Rank.CLEARS);
        add("trigger e", "e", Rank.ERROR);
        assertThat(new String[] {sendNext(), sendNext(), sendNext()})
                .containsExactly("trigger e", "trigger w", "resolve w");
    }

    @Test
    void aRetriedHeadCompetesAgainAndKeepsItsKeysOrder() {
        add("trigger w", "w", Rank.WARNING);
        add("resolve w", "w", Rank.CLEARS);
        assertThat(queue.startBest().what()).isEqualTo("trigger w");
        queue.retryLater();
        add("trigger c", "c", Rank.CRITICAL); // arrives while w waits for its retry
        assertThat(new String[] {sendNext(), sendNext(), sendNext()})
                .containsExactly("trigger c", "trigger w", "resolve w");
    }

    @Test
    void shedsTheNewestOfTheLowestRankButNeverTheOneInFlight() {
        add("i1", "a", Rank.INFO);
        add("w1", "b", Rank.WARNING);
        add("i2", "c", Rank.INFO);
        add("w2", "d", Rank.WARNING);
        assertThat(queue.canShedBelow(Rank.INFO)).isFalse();
        assertThat(queue.shedBelow(Rank.INFO)).isNull();
        assertThat(queue.shedBelow(Rank.CRITICAL).what()).isEqualTo("i2");
        assertThat(queue.startBest().what()).isEqualTo("w1");
        assertThat(queue.shedBelow(Rank.CRITICAL).what()).isEqualTo("i1");
        assertThat(queue.shedBelow(Rank.CRITICAL).what()).isEqualTo("w2");
        assertThat(queue.canShedBelow(Rank.CRITICAL)).as("w1 is in flight").isFalse();
        assertThat(queue.shedBelow(Rank.CRITICAL)).isNull();
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void sheddingFromTheMiddleOfAKeyKeepsTheRestInOrder() {
        add("trigger k", "k", Rank.ERROR);
        add("info k", "k", Rank.INFO);
        add("resolve k", "k", Rank.CLEARS);
        assertThat(queue.shedBelow(Rank.ERROR).what()).isEqualTo("info k");
        assertThat(new String[] {sendNext(), sendNext()}).containsExactly("trigger k", "resolve k");
    }

    @Test
    void theOldestIsFoundForItsDeadlineWhateverItsRank() {
        Delivery first = add("w1", "a", Rank.WARNING);
        add("c1", "b", Rank.CRITICAL);
        add("i1", "c", Rank.INFO);
        assertThat(queue.oldest()).isSameAs(first);
        assertThat(queue.pollOldest()).isSameAs(first);
        assertThat(queue.oldest().what()).isEqualTo("c1");
        assertThat(queue.startBest().what()).isEqualTo("c1");
        assertThat(queue.pollOldest()).as("not while in flight").isNull();
        queue.retryLater();
        assertThat(queue.pollOldest().what()).isEqualTo("c1");
        assertThat(sendNext()).isEqualTo("i1");
        assertThat(queue.oldest()).isNull();
    }

    @Test
    void everythingCanBeTakenForShutdown() {
        add("a", "a", Rank.ERROR);
        add("b", "a", Rank.CLEARS);
        queue.startBest();
        queue.retryLater();
        assertThat(queue.pollOldest().what()).isEqualTo("a");
        assertThat(queue.pollOldest().what()).isEqualTo("b");
        assertThat(queue.pollOldest()).isNull();
        assertThat(queue.startedDelivery()).isNull();
        assertThat(queue.finishInFlight()).isNull();
    }
}
