package dev.tocsin.internal.pipeline;

import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.intake.Rank;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Folds storms of one trigger into few sends. The first trigger of a dedup key goes out at once and opens a
 * window; repeats inside the window are counted, not sent; at the window's end one update carries the count
 * and, if the storm goes on, opens the next window. A repeat more severe than what was last sent for its key is
 * an escalation, not noise: it goes out at once, carrying the count so far. Dispatch thread only.
 *
 * <p>The count ({@value #OCCURRENCES}) is the total number of times the key fired since its storm began, the
 * first trigger that went out at once included: 1,000 log lines of one failure make an update that says 1000,
 * and a storm that goes on counts on across windows. A storm ends with a window that saw no repeat (or with an
 * acknowledge or resolve of the key); the next trigger then starts a new one and carries no count.
 */
final class StormCoalescer {
    /** The detail that tells the receiver how many times the key fired since its storm began, this one included. */
    static final String OCCURRENCES = "occurrences";
    /** Beyond this many open windows, triggers of new keys pass uncounted rather than grow memory. */
    static final int MAX_WINDOWS = 10_000;

    private final Duration window;
    private final Map<String, Window> windows = new HashMap<>();
    private Instant nextDue;

    StormCoalescer(Duration window) {
        this.window = window;
    }

    /**
     * Decides about one normalised trigger.
     *
     * @return the alert to send now (possibly carrying the count of an ended window), or {@code null} if it
     *     was counted into its key's open window
     */
    Alert admit(Alert trigger, Instant now) {
        String key = trigger.dedupKey();
        Window w = windows.get(key);
        if (w != null && now.isBefore(w.end)) {
            w.total++;
            w.latest = trigger;
            if (Rank.of(trigger.severity()) > Rank.of(w.sent)) { // an escalation: send now, in the same window
                w.repeats = 0;
                w.sent = trigger.severity();
                return withCount(trigger, w.total);
            }
            w.repeats++;
            return null;
        }
        // A window that ended with repeats still owed (due() has not run yet): the storm goes on, counting on.
        long total = w == null || w.repeats == 0 ? 1 : w.total + 1;
        if (w != null || windows.size() < MAX_WINDOWS) {
            windows.put(key, new Window(now.plus(window), trigger, total));
            nextDue = nextDue == null || now.plus(window).isBefore(nextDue) ? now.plus(window) : nextDue;
        }
        return total == 1 ? trigger : withCount(trigger, total);
    }

    /**
     * Counts a repeat of {@code key} into its open window without looking at the alert, unless its {@link Rank}
     * is above what was last sent for the key (an escalation).
     *
     * @return {@code true} if it was counted; {@code false} if the key has no open window or this is an
     *     escalation (admit it instead)
     */
    boolean absorb(String key, int rank, Instant now) {
        Window w = windows.get(key);
        if (w != null && now.isBefore(w.end) && rank <= Rank.of(w.sent)) {
            w.repeats++;
            w.total++;
            return true;
        }
        return false;
    }

    /** The updates of windows that ended by {@code now}; windows with repeats start over, quiet ones close. */
    List<Alert> due(Instant now) {
        if (nextDue == null || now.isBefore(nextDue)) {
            return List.of();
        }
        List<Alert> updates = new ArrayList<>();
        nextDue = null;
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            Window w = it.next();
            if (!now.isBefore(w.end)) {
                if (w.repeats == 0) {
                    it.remove();
                    continue;
                }
                updates.add(w.update());
                w.repeats = 0;
                w.end = now.plus(window);
            }
            nextDue = nextDue == null || w.end.isBefore(nextDue) ? w.end : nextDue;
        }
        return updates;
    }

    /** Ends the window of a key that was acknowledged or resolved; its uncounted repeats are stale now. */
    void forget(String key) {
        windows.remove(key);
    }

    /** Ends every window, returning the updates still owed; used at shutdown. */
    List<Alert> drain() {
        List<Alert> updates = new ArrayList<>();
        windows.values().stream().filter(w -> w.repeats > 0).forEach(w -> updates.add(w.update()));
        windows.clear();
        nextDue = null;
        return updates;
    }

    Instant nextDue() {
        return nextDue;
    }

    private static Alert withCount(Alert alert, long occurrences) {
        return alert.toBuilder().detail(OCCURRENCES, occurrences).build();
    }

    private static final class Window {
        Instant end;
        /** Repeats not sent yet: counted since the last send of the key. */
        long repeats;
        /** Every occurrence of the key since its storm began, the first trigger included. */
        long total;
        Alert latest;
        /** The most severe severity sent for the key in this storm. */
        Severity sent;

        Window(Instant end, Alert first, long total) {
            this.end = end;
            this.latest = first;
            this.sent = first.severity();
            this.total = total;
        }

        /** The window's update: the latest repeat with the total count, never less severe than what was sent. */
        Alert update() {
            Alert alert = Rank.of(latest.severity()) < Rank.of(sent) ? latest.toBuilder().severity(sent).build()
                    : latest;
            return withCount(alert, total);
        }
    }
}
