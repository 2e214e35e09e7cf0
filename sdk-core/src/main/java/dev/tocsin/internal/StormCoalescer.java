package dev.tocsin.internal;

import dev.tocsin.Alert;
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
 * and, if the storm goes on, opens the next window. Dispatch thread only.
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
     * Counts a repeat of {@code key} into its open window without looking at the alert.
     *
     * @return {@code true} if it was counted; {@code false} if the key has no open window (admit it instead)
     */
    boolean absorb(String key, Instant now) {
        Window w = windows.get(key);
        if (w != null && now.isBefore(w.end)) {
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
                updates.add(withCount(w.latest, w.repeats));
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
        windows.values().stream().filter(w -> w.repeats > 0).forEach(w -> updates.add(withCount(w.latest, w.repeats)));
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

        Window(Instant end, Alert first) {
            this.end = end;
            this.latest = first;
        }
    }
}
