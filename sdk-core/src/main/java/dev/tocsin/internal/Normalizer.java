package dev.tocsin.internal;

import dev.tocsin.Action;
import dev.tocsin.Alert;
import dev.tocsin.ChangeEvent;
import dev.tocsin.DedupKeys;
import dev.tocsin.Severity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an event as the caller made it into one ready to encode: defaults filled in, dedup key derived, text
 * cleaned and bounded. Runs on the dispatch thread only; never throws for bad input, it repairs or cuts.
 */
final class Normalizer {
    static final int MAX_SUMMARY = 1024;
    static final int MAX_DETAIL_TEXT = 8 * 1024;
    static final int MAX_DETAIL_ITEMS = 100;
    static final int MAX_DETAIL_DEPTH = 6;
    static final int STACK_FRAMES = 12;

    private final String source;
    private final Clock clock;

    Normalizer(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** The normalised alert, or {@code null} if it cannot be sent (acknowledge or resolve without a key). */
    Alert alert(Alert a, Throwable error) {
        String key = DedupKeys.sanitize(a.dedupKey());
        if (key == null && a.action() != Action.TRIGGER) {
            return null;
        }
        String summary = a.summary();
        if (summary == null || summary.isBlank()) {
            summary = error != null ? error.toString() : a.action() == Action.TRIGGER ? "(no summary)" : null;
        }
        String src = a.source() == null || a.source().isBlank() ? source : a.source();
        if (key == null) {
            key = error != null ? DedupKeys.of(error) : DedupKeys.ofMessage(a.component(), summary);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        a.details().forEach((k, v) -> details.put(Text.line(k, 256), detail(k, v)));
        if (error != null) {
            details.putIfAbsent("exception", Scrubber.bounded(error.toString(), MAX_DETAIL_TEXT, true));
            details.putIfAbsent("stack_trace", Scrubber.text(stackTrace(error)));
        }
        return new Alert(a.action(), key, Scrubber.bounded(summary, MAX_SUMMARY, false), Text.line(src, 255),
                a.severity() == null ? Severity.ERROR : a.severity(), Text.line(a.component(), 255),
                Text.line(a.group(), 255), Text.line(a.type(), 255), details, a.links(), a.images(),
                a.timestamp() == null ? clock.instant() : a.timestamp());
    }

    ChangeEvent change(ChangeEvent e) {
        Map<String, Object> details = new LinkedHashMap<>();
        e.details().forEach((k, v) -> details.put(Text.line(k, 256), detail(k, v)));
        return new ChangeEvent(Text.line(Scrubber.text(e.summary()), MAX_SUMMARY),
                Text.line(e.source() == null || e.source().isBlank() ? source : e.source(), 255),
                e.timestamp() == null ? clock.instant() : e.timestamp(), details, e.links());
    }

    /** A detail as it may leave the process: a secret-looking name masks the value whole. */
    private static Object detail(String name, Object value) {
        return Scrubber.secretName(name) ? Scrubber.MASK : clean(value, 0);
    }

    private static Object clean(Object value, int depth) {
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (depth < MAX_DETAIL_DEPTH && value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (out.size() == MAX_DETAIL_ITEMS) {
                    break;
                }
                if (e.getKey() != null && e.getValue() != null) {
                    String name = String.valueOf(e.getKey());
                    out.put(Text.line(name, 256), Scrubber.secretName(name) ? Scrubber.MASK
                            : clean(e.getValue(), depth + 1));
                }
            }
            return out;
        }
        if (depth < MAX_DETAIL_DEPTH && value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                if (out.size() == MAX_DETAIL_ITEMS) {
                    break;
                }
                out.add(item == null ? null : clean(item, depth + 1));
            }
            return out;
        }
        return Scrubber.bounded(String.valueOf(value), MAX_DETAIL_TEXT, true);
    }

    static String stackTrace(Throwable error) {
        return Text.block(StackTraceText.render(error, STACK_FRAMES), MAX_DETAIL_TEXT);
    }
}
