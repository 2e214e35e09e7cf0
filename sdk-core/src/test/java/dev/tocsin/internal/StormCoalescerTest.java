package dev.tocsin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Alert;
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
    void theFirstGoesOutRepeatsAreCountedAndOneUpdateCarriesTheCount() {
        assertThat(coalescer.admit(trigger("a"), t0)).isNotNull();
        for (int i = 1; i <= 9; i++) {
            assertThat(coalescer.admit(trigger("a"), t0.plusSeconds(i))).isNull();
        }
        assertThat(coalescer.due(t0.plusSeconds(59))).isEmpty();
        var updates = coalescer.due(t0.plusSeconds(60));
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).details()).containsEntry(StormCoalescer.OCCURRENCES, 9L);
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
        assertThat(next.details()).containsEntry(StormCoalescer.OCCURRENCES, 2L);
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
}
