package dev.tocsin.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The re-send schedule, on instants the test chooses. */
class RefresherTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Duration RESOLVED_FOR = Duration.ofMinutes(5);

    private static Refresher refresher(Alert... standing) {
        return new Refresher(INTERVAL, RESOLVED_FOR, List.of(standing), T0);
    }

    private static Alert trigger(String key, String summary) {
        return Alert.trigger(summary).dedupKey(key).source("host-1").severity(Severity.CRITICAL).component("db")
                .group("storage").type("disk").detail("free_mb", 12).link("https://example.com/d", "dash")
                .timestamp(T0).build();
    }

    private static Instant at(Duration d) {
        return T0.plus(d);
    }

    @Test
    void nothingTrackedIsNothingDue() {
        Refresher r = refresher();
        assertThat(r.nextDue()).isNull();
        assertThat(r.due(at(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void aFiringAlertIsSentAgainEveryIntervalAfterItsLastSend() {
        Refresher r = refresher();
        Alert a = trigger("k", "disk full");
        assertThat(r.track(a, T0)).isSameAs(a);
        assertThat(r.nextDue()).isEqualTo(at(INTERVAL));

        assertThat(r.due(T0)).isEmpty();
        assertThat(r.due(at(INTERVAL.minusMillis(1)))).isEmpty();
        assertThat(r.due(at(INTERVAL))).containsExactly(a);
        assertThat(r.due(at(INTERVAL))).as("once per interval").isEmpty();
        assertThat(r.nextDue()).isEqualTo(at(INTERVAL.multipliedBy(2)));

        Instant late = at(INTERVAL.multipliedBy(2).plusSeconds(25)); // the dispatcher came late
        assertThat(r.due(late)).containsExactly(a);
        assertThat(r.nextDue()).as("the next one counts from when it was sent").isEqualTo(late.plus(INTERVAL));
        assertThat(r.due(late.plus(INTERVAL).minusMillis(1))).isEmpty();
        assertThat(r.due(at(Duration.ofDays(30)))).as("a firing alert is never forgotten").containsExactly(a);
    }

    @Test
    void severalKeysAreDueEachOnItsOwnSchedule() {
        Refresher r = refresher();
        Alert a = trigger("a", "first");
        Alert b = trigger("b", "second");
        r.track(a, T0);
        r.track(b, at(Duration.ofSeconds(20)));
        assertThat(r.nextDue()).isEqualTo(at(INTERVAL));
        assertThat(r.due(at(INTERVAL))).containsExactly(a);
        assertThat(r.nextDue()).isEqualTo(at(INTERVAL.plusSeconds(20)));
        assertThat(r.due(at(INTERVAL.plusSeconds(20)))).containsExactly(b);
        assertThat(r.due(at(INTERVAL.multipliedBy(3)))).as("in the order they were first tracked")
                .containsExactly(a, b);
    }

    @Test
    void trackingAKeyAgainReplacesItsAlertAndRestartsItsInterval() {
        Refresher r = refresher();
        r.track(trigger("k", "disk 90% full"), T0);
        Alert newer = trigger("k", "disk 99% full");
        Instant t = at(Duration.ofSeconds(30));
        assertThat(r.track(newer, t)).isSameAs(newer);
        assertThat(r.nextDue()).isEqualTo(t.plus(INTERVAL));
        assertThat(r.due(at(INTERVAL))).as("the old schedule is gone").isEmpty();
        assertThat(r.due(t.plus(INTERVAL))).as("one entry per key, the newest").containsExactly(newer);
    }

    @Test
    void aResolveIsSentInTheTriggersFields() {
        Refresher r = refresher();
        Alert t = trigger("k", "disk full");
        r.track(t, T0);
        Alert resolve = Alert.resolve("k").timestamp(at(Duration.ofMinutes(3))).build();
        Alert sent = r.track(resolve, at(Duration.ofMinutes(3)));

        assertThat(sent.action()).isEqualTo(Action.RESOLVE);
        assertThat(sent.dedupKey()).isEqualTo("k");
        assertThat(sent.summary()).isEqualTo(t.summary());
        assertThat(sent.source()).isEqualTo(t.source());
        assertThat(sent.severity()).isEqualTo(t.severity());
        assertThat(sent.component()).isEqualTo(t.component());
        assertThat(sent.group()).isEqualTo(t.group());
        assertThat(sent.type()).isEqualTo(t.type());
        assertThat(sent.details()).isEqualTo(t.details());
        assertThat(sent.links()).isEqualTo(t.links());
        assertThat(sent.timestamp()).as("its own: when it was resolved").isEqualTo(at(Duration.ofMinutes(3)));
    }

    @Test
    void aResolveIsSentAgainForResolvedForThenForgotten() {
        Refresher r = refresher();
        r.track(trigger("k", "disk full"), T0);
        Instant resolvedAt = at(Duration.ofSeconds(10));
        Alert sent = r.track(Alert.resolve("k").build(), resolvedAt);

        for (int i = 1; i <= 5; i++) {
            Instant t = resolvedAt.plus(INTERVAL.multipliedBy(i));
            assertThat(r.due(t)).as("re-send %d", i).containsExactly(sent);
        }
        assertThat(r.nextDue()).isEqualTo(resolvedAt.plus(INTERVAL.multipliedBy(6)));
        assertThat(r.due(resolvedAt.plus(INTERVAL.multipliedBy(6)))).as("past resolvedFor: forgotten").isEmpty();
        assertThat(r.nextDue()).isNull();
        assertThat(r.due(at(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void aResolveIsForgottenOnTheFirstLookPastResolvedForEvenIfItWasDue() {
        Refresher r = refresher();
        r.track(trigger("k", "disk full"), T0);
        r.track(Alert.resolve("k").build(), T0);
        assertThat(r.due(at(RESOLVED_FOR).plusMillis(1))).isEmpty();
        assertThat(r.nextDue()).isNull();
    }

    @Test
    void aResolveOfAKeyNeverSeenIsSentAsItIsAndRefreshedToo() {
        Refresher r = refresher();
        Alert resolve = Alert.resolve("unknown").summary("mine").build();
        assertThat(r.track(resolve, T0)).isSameAs(resolve);
        assertThat(r.due(at(INTERVAL))).containsExactly(resolve);
        assertThat(r.due(at(RESOLVED_FOR.plusSeconds(1)))).isEmpty();
        assertThat(r.nextDue()).isNull();
    }

    @Test
    void aTriggerAfterAResolveFiresAgainForGood() {
        Refresher r = refresher();
        r.track(trigger("k", "disk full"), T0);
        r.track(Alert.resolve("k").build(), at(Duration.ofSeconds(10)));
        Alert again = trigger("k", "disk full again");
        Instant t = at(Duration.ofMinutes(2));
        assertThat(r.track(again, t)).isSameAs(again);
        assertThat(r.due(t.plus(INTERVAL))).containsExactly(again);
        assertThat(r.due(t.plus(Duration.ofHours(2)))).as("no resolve deadline any more").containsExactly(again);
    }

    @Test
    void anAcknowledgeIsSentAsItIsAndChangesNothing() {
        Refresher r = refresher();
        Alert t = trigger("k", "disk full");
        r.track(t, T0);
        Alert ack = Alert.acknowledge("k").build();
        assertThat(r.track(ack, at(Duration.ofSeconds(30)))).isSameAs(ack);
        assertThat(r.nextDue()).as("the trigger's schedule stands").isEqualTo(at(INTERVAL));
        assertThat(r.due(at(INTERVAL))).containsExactly(t);

        Refresher empty = refresher();
        empty.track(Alert.acknowledge("other").build(), T0);
        assertThat(empty.nextDue()).as("an acknowledge alone is not kept").isNull();
    }

    @Test
    void standingAlertsAreDueAtOnceAndSentAgainForever() {
        Alert watchdog = Alert.trigger("Watchdog").dedupKey("watchdog").severity(Severity.INFO).build();
        Refresher r = refresher(watchdog);
        // stamped with the lane's start (the client's clock), so that it starts when the client did
        Alert stamped = Alert.trigger("Watchdog").dedupKey("watchdog").severity(Severity.INFO).timestamp(T0).build();
        assertThat(r.nextDue()).isEqualTo(T0);
        assertThat(r.due(T0)).containsExactly(stamped);
        for (int i = 1; i <= 1_000; i++) {
            assertThat(r.due(at(INTERVAL.multipliedBy(i)))).containsExactly(stamped);
        }
        assertThat(r.nextDue()).isEqualTo(at(INTERVAL.multipliedBy(1_001)));
    }

    @Test
    void aStandingAlertTrackedLikeAnyOtherTakesTheNewState() {
        Alert watchdog = Alert.trigger("Watchdog").dedupKey("watchdog").build();
        Refresher r = refresher(watchdog);
        Alert resolve = r.track(Alert.resolve("watchdog").build(), T0);
        assertThat(resolve.action()).isEqualTo(Action.RESOLVE);
        assertThat(resolve.summary()).isEqualTo("Watchdog");
        assertThat(r.due(at(INTERVAL))).containsExactly(resolve);
        assertThat(r.due(at(RESOLVED_FOR.plusSeconds(1)))).as("resolved: forgotten like any other").isEmpty();
    }

    @Test
    void pastItsKeyLimitNewKeysAreSentButNotKeptAliveWhileKnownKeysStillUpdate() {
        Refresher r = refresher();
        for (int i = 0; i < Refresher.MAX_KEYS; i++) {
            r.track(trigger("k" + i, "s"), T0);
        }
        Alert extra = trigger("extra", "s");
        assertThat(r.track(extra, T0)).isSameAs(extra);
        Alert update = trigger("k0", "updated");
        r.track(update, at(Duration.ofSeconds(30)));

        List<Alert> due = r.due(at(INTERVAL));
        assertThat(due).hasSize(Refresher.MAX_KEYS - 1).doesNotContain(extra, update);
        assertThat(r.due(at(INTERVAL.plusSeconds(30)))).containsExactly(update);
    }
}
