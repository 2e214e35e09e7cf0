package dev.tocsin.internal.outbox;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps firing alerts alive at receivers that forget what nobody repeats: re-sends each firing alert every
 * interval, and a resolve for a while after it, in the label set of the trigger (a resolve carries only the
 * key). Standing alerts (a Watchdog) are re-sent for as long as the client runs. One per lane; dispatch thread
 * only.
 */
public final class Refresher {
    static final int MAX_KEYS = 10_000;

    private final Duration interval;
    private final Duration resolvedFor;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public Refresher(Duration interval, Duration resolvedFor, List<Alert> standing, Instant now) {
        this.interval = interval;
        this.resolvedFor = resolvedFor;
        for (Alert a : standing) { // stamped with the lane's start unless the destination gave a time
            Alert stamped = a.timestamp() != null ? a : new Alert(a.action(), a.dedupKey(), a.summary(), a.source(),
                    a.severity(), a.component(), a.group(), a.type(), a.details(), a.links(), a.images(), now);
            entries.put(a.dedupKey(), new Entry(stamped, now, null));
        }
    }

    /**
     * Notes an alert about to be sent and returns the alert to send in its place: a resolve takes the trigger's
     * fields, so the receiver matches it to the alert it resolves.
     */
    public Alert track(Alert alert, Instant now) {
        if (alert.action() == Action.ACKNOWLEDGE) {
            return alert; // nothing to keep alive; destinations without acknowledgements skip it
        }
        Entry last = entries.get(alert.dedupKey());
        Alert send = alert;
        if (alert.action() == Action.RESOLVE && last != null) {
            Alert t = last.alert;
            send = new Alert(Action.RESOLVE, t.dedupKey(), t.summary(), t.source(), t.severity(), t.component(),
                    t.group(), t.type(), t.details(), t.links(), t.images(), alert.timestamp()); // resolved now
        }
        if (last != null || entries.size() < MAX_KEYS) {
            entries.put(alert.dedupKey(), new Entry(send, now.plus(interval),
                    send.action() == Action.RESOLVE ? now.plus(resolvedFor) : null));
        }
        return send;
    }

    /** The alerts to send again now; resolves past their re-send period are forgotten. */
    public List<Alert> due(Instant now) {
        List<Alert> out = new ArrayList<>();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.until != null && now.isAfter(e.until)) {
                it.remove();
            } else if (!now.isBefore(e.next)) {
                out.add(e.alert);
                e.next = now.plus(interval);
            }
        }
        return out;
    }

    /** The earliest time something is due. */
    public Instant nextDue() {
        Instant next = null;
        for (Entry e : entries.values()) {
            next = next == null || e.next.isBefore(next) ? e.next : next;
        }
        return next;
    }

    private static final class Entry {
        final Alert alert;
        Instant next;
        final Instant until;

        Entry(Alert alert, Instant next, Instant until) {
            this.alert = alert;
            this.next = next;
            this.until = until;
        }
    }
}
