package dev.tocsin.internal;

import dev.tocsin.Alert;
import dev.tocsin.Severity;
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
 */
final class StormCoalescer {
    /** The detail that tells the receiver how many occurrences an update stands for. */
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
            if (Rank.of(trigger.severity()) > Rank.of(w.sent)) { // an escalation: send now, in the same window
                long occurrences = w.repeats + 1;
                w.repeats = 0;
                w.latest = trigger;
                w.sent = trigger.severity();
                return occurrences == 1 ? trigger : withCount(trigger, occurrences);
            }
            w.repeats++;
            w.latest = trigger;
            return null;
        }
        long pending = w == null ? 0 : w.repeats;
        if (w != null || windows.size() < MAX_WINDOWS) {
            windows.put(key, new Window(now.plus(window), trigger));
            nextDue = nextDue == null || now.plus(window).isBefore(nextDue) ? now.plus(window) : nextDue;
        }
        return pending == 0 ? trigger : withCount(trigger, pending + 1);
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
        long repeats;
        Alert latest;
        /** The most severe severity sent for the key in this storm. */
        Severity sent;

        Window(Instant end, Alert first) {
            this.end = end;
            this.latest = first;
            this.sent = first.severity();
        }

        /** The window's update: the latest repeat with the count, never less severe than what was sent. */
        Alert update() {
            Alert alert = Rank.of(latest.severity()) < Rank.of(sent) ? latest.toBuilder().severity(sent).build()
                    : latest;
            return withCount(alert, repeats);
        }
    }
}
