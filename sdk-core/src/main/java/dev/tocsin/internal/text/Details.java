package dev.tocsin.internal.text;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the caller's detail values into plain JSON-able values (strings, numbers, booleans, lists, maps) that are
 * safe to send, walking each graph once and within bounds: {@value #MAX_DEPTH} levels, {@value #MAX_ITEMS} entries
 * per map or list, {@value #MAX_NODES} values and {@value #MAX_TEXT} characters of text per event. A container that
 * contains itself is cut at the repeat ({@code <cycle: java.util.HashMap>}); a value whose {@code toString()} or
 * iteration fails becomes a placeholder naming its type and the failure ({@code <unrenderable com.example.Order:
 * StackOverflowError>}); the rest of the event is kept. Text is scrubbed of secrets and cut; a name that looks
 * secret masks its value whole.
 * One instance per event, dispatch thread only.
 */
public final class Details {
    static final int MAX_DEPTH = 6;
    static final int MAX_ITEMS = 100;
    static final int MAX_NODES = 1000;
    static final int MAX_TEXT = 64 * 1024;
    public static final int MAX_VALUE_TEXT = 8 * 1024;
    static final int MAX_NAME = 256;

    private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodes;
    private int text;

    /** The clean copy of a detail map, in its order. */
    public Map<String, Object> clean(Map<String, ?> details) {
        try {
            return entries(details, 0);
        } catch (Throwable failure) { // the caller's map is an immutable copy, but of the caller's entries
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("tocsin_unreadable_details", failure.getClass().getSimpleName());
            return out;
        }
    }

    /** A named value: the name is cleaned, and a secret-looking name masks the value whole. */
    private void put(Map<String, Object> out, Object key, Object value, int depth) {
        if (key == null || value == null) {
            return;
        }
        String raw = render(key, MAX_NAME * 4);
        String name = Scrubber.bounded(raw, MAX_NAME, false);
        out.put(name, Scrubber.secretName(raw) ? Scrubber.MASK : value(value, depth));
    }

    /** A number or boolean as JSON can carry it, or {@code null} for a kind of number shown as text. */
    private static Object number(Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            return value;
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            // Receivers parse numbers as long or double and refuse very long ones (Jackson's limit is 1000 digits).
            String digits = value.toString();
            boolean plain = value instanceof BigInteger i ? i.bitLength() < 64
                    : digits.length() <= 64 && Double.isFinite(((BigDecimal) value).doubleValue());
            return plain ? value : Scrubber.bounded(digits, MAX_VALUE_TEXT, false);
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : d;
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? f.toString() : f;
        }
        if (value instanceof AtomicInteger || value instanceof AtomicLong) {
            return ((Number) value).longValue();
        }
        return null;
    }

    /** One value, {@code depth} levels below the top. */
    Object value(Object value, int depth) {
        if (++nodes > MAX_NODES) {
            return "<omitted: more than " + MAX_NODES + " detail values>";
        }
        if (value instanceof Number || value instanceof Boolean) {
            Object number = number(value);
            if (number != null) {
                return number;
            }
        }
        boolean container = value instanceof Map<?, ?> || value instanceof Collection<?>
                || value.getClass().isArray();
        if (!container) {
            return text(value);
        }
        if (depth >= MAX_DEPTH) {
            return "<omitted: nested deeper than " + MAX_DEPTH + " levels>";
        }
        if (!path.add(value)) {
            return "<cycle: " + value.getClass().getName() + ">";
        }
        try {
            return value instanceof Map<?, ?> map ? entries(map, depth + 1) : list(value, depth);
        } catch (Throwable failure) {
            return placeholder(value, failure);
        } finally {
            path.remove(value);
        }
    }

    /**
     * A map's first {@value #MAX_ITEMS} entries (read, whether kept or not), and a note of how many more there
     * were; if reading it fails (changed meanwhile, or hostile), the caller's placeholder stands in.
     */
    private Map<String, Object> entries(Map<?, ?> map, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        for (int read = 0; it.hasNext(); read++) {
            if (read == MAX_ITEMS) {
                out.put("…", "<omitted: more than " + MAX_ITEMS + " entries>");
                break;
            }
            Map.Entry<?, ?> e = it.next();
            put(out, e.getKey(), e.getValue(), depth);
        }
        return out;
    }

    private List<Object> list(Object items, int depth) {
        List<Object> out = new ArrayList<>();
        Iterator<?> it = items instanceof Collection<?> c ? c.iterator() : null;
        int length = it == null ? Array.getLength(items) : Integer.MAX_VALUE;
        for (int i = 0; it == null ? i < length : it.hasNext(); i++) {
            if (i == MAX_ITEMS) {
                out.add("<omitted: more than " + MAX_ITEMS + " items>");
                break;
            }
            Object item = it == null ? Array.get(items, i) : it.next();
            out.add(item == null ? null : value(item, depth + 1));
        }
        return out;
    }

    /** A scalar as scrubbed, bounded text, within the event's text budget. */
    private String text(Object value) {
        int room = Math.min(MAX_VALUE_TEXT, MAX_TEXT - text);
        if (room <= 0) {
            return "<omitted: details longer than " + MAX_TEXT + " characters>";
        }
        // One character past the window, so that bounded() sees the text was cut and hides its tail.
        String s = Scrubber.bounded(render(value, room + Scrubber.MARGIN + 1), room, true);
        text += s.length();
        return s;
    }

    /**
     * {@code toString()} of a user object, at most about {@code max} characters, or a placeholder if it throws
     * (a bidirectional entity's {@code toString()} overflows the stack, for one).
     */
    public static String render(Object value, int max) {
        try {
            String s = String.valueOf(value);
            return s.length() > max ? s.substring(0, max) : s;
        } catch (Throwable failure) {
            return placeholder(value, failure);
        }
    }

    private static String placeholder(Object value, Throwable failure) {
        return "<unrenderable " + value.getClass().getName() + ": " + failure.getClass().getSimpleName() + ">";
    }
}
