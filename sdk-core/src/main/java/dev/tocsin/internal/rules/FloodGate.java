package dev.tocsin.internal.rules;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.intake.Rank;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Folds a flood of distinct dedup keys on one lane into one summary alert. While fewer than {@code threshold} new keys
 * arrive within {@code period}, every trigger passes. Past that, triggers of keys the lane has not sent recently are
 * folded: counted, a few kept as examples, and reported by one summary trigger ({@value #KEY_PREFIX}&lt;source&gt;)
 * that goes out at once and is updated at most once per {@code updateEvery}; triggers of keys the lane already sent,
 * acknowledges and resolves pass as before (those of folded keys are folded too: their trigger never went out). A
 * critical trigger, and a trigger more severe than any in the flood so far, is always sent as itself. The
 * flood ends once a whole period sees at most half the threshold of new keys: the summary gets its final counts and
 * is resolved. Memory is bounded whatever the flood. Dispatch thread only.
 */
public final class FloodGate {
    public static final String KEY_PREFIX = "tocsin-flood:";
    static final int EXAMPLES = 10;
    static final int MEMORY = 10_000;

    private final int threshold;
    private final Duration period;
    private final Duration updateEvery;
    private final String source;
    /** Keys this lane sent, the most recently seen {@value #MEMORY}, with when they were last seen. */
    private final Map<String, Instant> sent = Lru.map(MEMORY);
    /** When the latest new keys arrived, at most threshold + 1 of them. */
    private final ArrayDeque<Instant> arrivals = new ArrayDeque<>();
    private final Set<String> folded = Collections.newSetFromMap(Lru.map(MEMORY));

    private volatile boolean flooding;
    private Instant since;
    private long foldedTriggers;
    private long foldedKeys;
    private final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    private final List<String> examples = new ArrayList<>();
    private Severity worst;
    private Instant lastUpdate;
    private boolean owed;

    public FloodGate(int threshold, Duration period, Duration updateEvery, String source) {
        this.threshold = threshold;
        this.period = period;
        this.updateEvery = updateEvery;
        this.source = source;
    }

    /** Whether the lane is in a flood now. */
    public boolean flooding() {
        return flooding;
    }

    /** Whether this alert is folded instead of sent; counts it if so. */
    public boolean fold(Alert alert, Instant now) {
        String key = alert.dedupKey();
        if (alert.action() != Action.TRIGGER) {
            return folded.remove(key);
        }
        if (key.startsWith(KEY_PREFIX)) {
            return false;
        }
        if (sent.containsKey(key)) { // a key the lane already sent: a storm's update, a re-trigger
            sent.put(key, now);
            return false;
        }
        if (!folded.contains(key)) {
            arrive(now);
        }
        if (!flooding && arrivals.size() > threshold) {
            flooding = true;
            since = now;
            worst = alert.severity() == null ? Severity.ERROR : alert.severity();
        }
        Severity s = alert.severity() == null ? Severity.ERROR : alert.severity();
        if (!flooding || s == Severity.CRITICAL || Rank.of(s) > Rank.of(worst)) {
            // Before a flood, or more severe than anything the flood holds (a critical in a flood of errors): sent.
            // It raises the bar, so the flood's next trigger of this severity is folded.
            if (flooding && Rank.of(s) > Rank.of(worst)) {
                worst = s;
            }
            folded.remove(key); // sent now: its resolve must go out too
            sent.put(key, now);
            return false;
        }
        foldedTriggers++;
        if (folded.add(key)) {
            foldedKeys++;
        }
        bySeverity.merge(s, 1L, Long::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(key + ": " + alert.summary());
        }
        owed = true;
        return true;
    }

    private void arrive(Instant now) {
        prune(now);
        arrivals.addLast(now);
        while (arrivals.size() > threshold + 1) {
            arrivals.pollFirst();
        }
    }

    private void prune(Instant now) {
        Instant horizon = now.minus(period);
        while (!arrivals.isEmpty() && !arrivals.peekFirst().isAfter(horizon)) {
            arrivals.pollFirst();
        }
    }

    /** The summary's trigger or resolve due by {@code now}, in order; empty if none. */
    public List<Alert> due(Instant now) {
        if (!flooding) {
            return List.of();
        }
        List<Alert> out = new ArrayList<>(2);
        prune(now);
        boolean over = !now.isBefore(since.plus(period)) && arrivals.size() <= threshold / 2;
        if (owed && (over || lastUpdate == null || !now.isBefore(lastUpdate.plus(updateEvery)))) {
            out.add(summary(now));
            owed = false;
            lastUpdate = now;
        }
        if (over) {
            out.add(Alert.resolve(key()).build());
            flooding = false;
            since = null;
            foldedTriggers = 0;
            foldedKeys = 0;
            bySeverity.clear();
            examples.clear();
            worst = null;
            lastUpdate = null;
            folded.clear();
        }
        return out;
    }

    /** When {@link #due} next has something, for the dispatch loop's sleep; {@code null} if never. */
    public Instant nextDue() {
        if (!flooding) {
            return null;
        }
        Instant end = since.plus(period);
        Instant oldest = arrivals.isEmpty() ? null : arrivals.peekFirst().plus(period);
        Instant next = oldest == null || oldest.isBefore(end) ? end : oldest;
        if (owed) {
            Instant update = lastUpdate == null ? since : lastUpdate.plus(updateEvery);
            next = update.isBefore(next) ? update : next;
        }
        return next;
    }

    private String key() {
        return KEY_PREFIX + (source == null ? "client" : source);
    }

    private Alert summary(Instant now) {
        Map<String, Object> counts = new LinkedHashMap<>();
        bySeverity.forEach((k, v) -> counts.put(k.name().toLowerCase(Locale.ROOT), v));
        return Alert.trigger("Alert flood: " + foldedKeys + " distinct alerts (" + foldedTriggers
                        + " triggers) folded into this one since " + since + ", past " + threshold
                        + " new alerts within " + period.toSeconds() + " s")
                .dedupKey(key())
                .severity(worst)
                .component("tocsin")
                .type("alert-flood")
                .timestamp(now)
                .detail("flood_distinct_alerts", foldedKeys)
                .detail("flood_triggers", foldedTriggers)
                .detail("flood_by_severity", counts)
                .detail("flood_examples", List.copyOf(examples))
                .detail("flood_since", since.toString())
                .detail("flood_threshold", threshold + " new alerts within " + period)
                .build();
    }
}
