package dev.tocsin.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.intake.Rank;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StormCoalescerTest {
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final StormCoalescer coalescer = new StormCoalescer(Duration.ofSeconds(60));

    private static Alert trigger(String key) {
        return Alert.trigger("s").dedupKey(key).build();
    }

    @Test
    void theFirstGoesOutRepeatsAreCountedAndOneUpdateCarriesTheTotal() {
        assertThat(coalescer.admit(trigger("a"), t0)).isNotNull();
        for (int i = 1; i <= 9; i++) {
            assertThat(coalescer.admit(trigger("a"), t0.plusSeconds(i))).isNull();
        }
        assertThat(coalescer.due(t0.plusSeconds(59))).isEmpty();
        var updates = coalescer.due(t0.plusSeconds(60));
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).details()).as("the first and nine repeats")
                .containsEntry(StormCoalescer.OCCURRENCES, 10L);
        assertThat(coalescer.due(t0.plusSeconds(120))).as("a quiet window sends nothing").isEmpty();
        assertThat(coalescer.admit(trigger("a"), t0.plusSeconds(121)).details()).doesNotContainKey("occurrences");
    }

    @Test
    void keysHaveTheirOwnWindows() {
        assertThat(coalescer.admit(trigger("a"), t0)).isNotNull();
        assertThat(coalescer.admit(trigger("b"), t0)).isNotNull();
        assertThat(coalescer.admit(trigger("a"), t0)).isNull();
    }

    @Test
    void aTriggerAfterAnEndedWindowCarriesTheCountItWasOwed() {
        coalescer.admit(trigger("a"), t0);
        coalescer.admit(trigger("a"), t0.plusSeconds(1));
        Alert next = coalescer.admit(trigger("a"), t0.plusSeconds(61)); // before due() ran
        assertThat(next.details()).containsEntry(StormCoalescer.OCCURRENCES, 3L);
    }

    @Test
    void aThousandOccurrencesInOneWindowAreReportedAsAThousand() {
        coalescer.admit(trigger("a"), t0);
        for (int i = 1; i < 1000; i++) {
            assertThat(coalescer.admit(trigger("a"), t0.plusMillis(i))).isNull();
        }
        assertThat(coalescer.due(t0.plusSeconds(60))).singleElement()
                .satisfies(u -> assertThat(u.details()).containsEntry(StormCoalescer.OCCURRENCES, 1000L));
    }

    @Test
    void aStormThatGoesOnCountsOnAcrossWindowsAndAQuietWindowEndsIt() {
        coalescer.admit(trigger("a"), t0);
        for (int i = 1; i < 50; i++) {
            coalescer.admit(trigger("a"), t0.plusSeconds(1));
        }
        assertThat(coalescer.due(t0.plusSeconds(60))).singleElement()
                .satisfies(u -> assertThat(u.details()).containsEntry(StormCoalescer.OCCURRENCES, 50L));
        for (int i = 0; i < 10; i++) {
            assertThat(coalescer.absorb("a", Rank.ERROR, t0.plusSeconds(61))).isTrue();
        }
        assertThat(coalescer.due(t0.plusSeconds(120))).singleElement()
                .satisfies(u -> assertThat(u.details()).containsEntry(StormCoalescer.OCCURRENCES, 60L));
        assertThat(coalescer.due(t0.plusSeconds(180))).as("a quiet window ends the storm").isEmpty();
        assertThat(coalescer.admit(trigger("a"), t0.plusSeconds(181)).details())
                .doesNotContainKey(StormCoalescer.OCCURRENCES);
    }

    @Test
    void forgetAndDrain() {
        coalescer.admit(trigger("a"), t0);
        coalescer.admit(trigger("a"), t0);
        coalescer.admit(trigger("b"), t0);
        coalescer.admit(trigger("b"), t0);
        coalescer.forget("a");
        assertThat(coalescer.admit(trigger("a"), t0)).isNotNull();
        assertThat(coalescer.drain()).extracting(Alert::dedupKey).containsExactly("b");
        assertThat(coalescer.nextDue()).isNull();
    }

    @Test
    void aMoreSevereRepeatIsAnEscalationAndGoesOutAtOnceWithTheCountSoFar() {
        Alert warning = Alert.trigger("replica lag").dedupKey("db").severity(Severity.WARNING).build();
        Alert critical = Alert.trigger("replica down").dedupKey("db").severity(Severity.CRITICAL).build();
        assertThat(coalescer.admit(warning, t0)).isSameAs(warning);
        assertThat(coalescer.admit(warning, t0.plusSeconds(1))).isNull();
        assertThat(coalescer.absorb("db", Rank.WARNING, t0.plusSeconds(2))).isTrue();
        assertThat(coalescer.absorb("db", Rank.CRITICAL, t0.plusSeconds(3))).as("an escalation is admitted").isFalse();

        Alert sent = coalescer.admit(critical, t0.plusSeconds(3));
        assertThat(sent.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(sent.details()).as("two warnings, one absorbed repeat and the escalation")
                .containsEntry(StormCoalescer.OCCURRENCES, 4L);
        assertThat(coalescer.admit(critical, t0.plusSeconds(4))).as("a repeat of the escalation").isNull();
        assertThat(coalescer.admit(warning, t0.plusSeconds(5))).as("less severe again: a repeat").isNull();

        var updates = coalescer.due(t0.plusSeconds(60));
        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.severity()).as("an update never lowers what was sent").isEqualTo(Severity.CRITICAL);
            assertThat(u.details()).containsEntry(StormCoalescer.OCCURRENCES, 6L);
        });
    }
}
