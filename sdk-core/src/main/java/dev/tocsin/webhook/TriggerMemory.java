package dev.tocsin.webhook;

import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fields of the last trigger of each dedup key, so that its acknowledge and resolve, which the caller makes
 * from the key alone, reach the receiver with the severity, summary, component and class it routes on.
 *
 * <p>Bounded by keys and by characters, least recently used first out: a resolve of a key forgotten meanwhile goes
 * out with its own fields only. In memory only; {@link WebhookDestination#reissue} re-learns the triggers that a
 * restart replays from the spool. Thread-safe.
 */
final class TriggerMemory {
    static final int DEFAULT_KEYS = 10_000;
    /** About 8 MB at two bytes a character: room for the default keys at 400 characters each. */
    static final long MAX_CHARS = 4L << 20;
    /** What an entry costs beyond its text (map entry, record, string headers), counted in characters. */
    static final int ENTRY_OVERHEAD = 64;

    private final int maxKeys;
    private final long maxChars;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Fields> byKey = new LinkedHashMap<>(16, 0.75f, true);
    private long chars;

    TriggerMemory(int maxKeys, long maxChars) {
        this.maxKeys = maxKeys;
        this.maxChars = maxChars;
    }

    /** A trigger's fields that an acknowledge or resolve of its key takes on. */
    record Fields(String summary, String source, Severity severity, String component, String group, String type) {
        static Fields of(Alert trigger) {
            return new Fields(trigger.summary(), trigger.source(), trigger.severity(), trigger.component(),
                    trigger.group(), trigger.type());
        }

        /**
         * The acknowledge or resolve as the receiver should see it. Severity and source are always the trigger's:
         * the client fills both in on every event, so the event's own say nothing. The others are the event's own
         * where it has them.
         */
        Alert applyTo(Alert a) {
            return new Alert(a.action(), a.dedupKey(), or(a.summary(), summary), source, severity,
                    or(a.component(), component), or(a.group(), group), or(a.type(), type), a.details(), a.links(),
                    a.images(), a.timestamp());
        }

        int weight(String key) {
            return ENTRY_OVERHEAD + length(key) + length(summary) + length(source) + length(component)
                    + length(group) + length(type);
        }

        private static String or(String own, String trigger) {
            return own != null ? own : trigger;
        }

        private static int length(String s) {
            return s == null ? 0 : s.length();
        }
    }

    /** Remembers a trigger's fields, replacing what the key had. */
    void remember(String key, Fields fields) {
        put(key, fields, true);
    }

    /** Remembers fields only for a key that has none: an older trigger read back never replaces a newer one. */
    void rememberIfAbsent(String key, Fields fields) {
        put(key, fields, false);
    }

    /** The fields of the key's last trigger, or {@code null} if none is remembered. */
    Fields recall(String key) {
        if (key == null) {
            return null;
        }
        lock.lock();
        try {
            return byKey.get(key);
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return byKey.size();
        } finally {
            lock.unlock();
        }
    }

    private void put(String key, Fields fields, boolean replace) {
        if (key == null || fields == null || maxKeys == 0) {
            return;
        }
        lock.lock();
        try {
            Fields old = byKey.get(key);
            if (old != null && !replace) {
                return;
            }
            if (old != null) {
                chars -= old.weight(key);
            }
            byKey.put(key, fields);
            chars += fields.weight(key);
            for (Iterator<Map.Entry<String, Fields>> eldest = byKey.entrySet().iterator();
                    (byKey.size() > maxKeys || chars > maxChars) && eldest.hasNext(); ) {
                Map.Entry<String, Fields> e = eldest.next();
                chars -= e.getValue().weight(e.getKey());
                eldest.remove();
            }
        } finally {
            lock.unlock();
        }
    }
}
