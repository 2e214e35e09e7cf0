package dev.tocsin.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One backend-neutral alert event: trigger, acknowledge or resolve an incident named by its dedup key.
 *
 * <p>Immutable and thread-safe. Build one with {@link #trigger(String)}, {@link #acknowledge(String)} or
 * {@link #resolve(String)}. Fields a caller leaves out are filled in by the client on its own thread: the
 * dedup key (see {@link DedupKeys}), the source (the client's), the severity ({@link Severity#ERROR}) and the
 * timestamp (the client's clock). Over-long or malformed text is cleaned and cut at delivery time, never
 * rejected with an exception: building an alert and handing it to the client never throws for bad input.
 *
 * @param action what to do with the incident
 * @param dedupKey the incident's identity; {@code null} on a trigger means "derive one"
 * @param summary one line saying what is wrong; required on a trigger
 * @param source where it happens, such as a host or service name; may be {@code null}
 * @param severity how bad it is; may be {@code null}
 * @param component the part of the source that is affected; may be {@code null}
 * @param group a logical grouping of components; may be {@code null}
 * @param type the class or kind of the problem; may be {@code null}
 * @param details string-keyed, JSON-able values (strings, numbers, booleans, lists and maps of them)
 * @param links links to show on the incident
 * @param images images to show on the incident
 * @param timestamp when it was detected; may be {@code null}
 */
public record Alert(
        Action action,
        String dedupKey,
        String summary,
        String source,
        Severity severity,
        String component,
        String group,
        String type,
        Map<String, Object> details,
        List<Link> links,
        List<Image> images,
        Instant timestamp) {

    public Alert {
        Objects.requireNonNull(action, "action");
        details = copyOf(details);
        links = withoutNulls(links);
        images = withoutNulls(images);
    }

    /** Starts a trigger with the given summary. */
    public static Builder trigger(String summary) {
        return new Builder(Action.TRIGGER).summary(summary);
    }

    /** Starts an acknowledge of the incident with the given dedup key. */
    public static Builder acknowledge(String dedupKey) {
        return new Builder(Action.ACKNOWLEDGE).dedupKey(dedupKey);
    }

    /** Starts a resolve of the incident with the given dedup key. */
    public static Builder resolve(String dedupKey) {
        return new Builder(Action.RESOLVE).dedupKey(dedupKey);
    }

    /** Returns a builder holding this alert's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(action);
        b.dedupKey = dedupKey;
        b.summary = summary;
        b.source = source;
        b.severity = severity;
        b.component = component;
        b.group = group;
        b.type = type;
        b.details.putAll(details);
        b.links.addAll(links);
        b.images.addAll(images);
        b.timestamp = timestamp;
        return b;
    }

    /**
     * A shallow copy without {@code null} names or values. A map that fails while it is read (changed by another
     * thread, say) keeps what was read and a note of the failure: building an alert never throws for its details.
     */
    static Map<String, Object> copyOf(Map<String, ?> details) {
        Map<String, Object> copy = new LinkedHashMap<>();
        try {
            if (details == null || details.isEmpty()) {
                return Map.of();
            }
            for (Map.Entry<?, ?> e : details.entrySet()) {
                Object k = e.getKey();
                Object v = e.getValue();
                if (k != null && v != null) {
                    copy.put(k instanceof String name ? name : "<" + k.getClass().getName() + ">", v);
                }
            }
        } catch (Throwable e) {
            copy.put("tocsin_unreadable_details", e.getClass().getName());
        }
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable copy without {@code null} elements. */
    static <T> List<T> withoutNulls(List<T> items) {
        if (items == null || items.isEmpty()) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(items.size());
        for (T item : items) {
            if (item != null) {
                copy.add(item);
            }
        }
        return Collections.unmodifiableList(copy);
    }

    /** Builds an {@link Alert}. Not thread-safe; use one per alert. */
    public static final class Builder {
        private final Action action;
        private String dedupKey;
        private String summary;
        private String source;
        private Severity severity;
        private String component;
        private String group;
        private String type;
        private final Map<String, Object> details = new LinkedHashMap<>();
        private final List<Link> links = new ArrayList<>();
        private final List<Image> images = new ArrayList<>();
        private Instant timestamp;

        private Builder(Action action) {
            this.action = action;
        }

        public Builder dedupKey(String dedupKey) {
            this.dedupKey = dedupKey;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Builder component(String component) {
            this.component = component;
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        /** The class or kind of the problem (PagerDuty's {@code class}). */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /** Adds one detail; a {@code null} key or value is ignored. */
        public Builder detail(String key, Object value) {
            if (key != null && value != null) {
                details.put(key, value);
            }
            return this;
        }

        /** Adds every entry with a non-{@code null} key and value; a map that fails while read adds what it gave. */
        public Builder details(Map<String, ?> values) {
            details.putAll(copyOf(values));
            return this;
        }

        public Builder link(String href, String text) {
            links.add(new Link(href, text));
            return this;
        }

        public Builder image(String src, String href, String alt) {
            images.add(new Image(src, href, alt));
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Alert build() {
            return new Alert(action, dedupKey, summary, source, severity, component, group, type,
                    details, links, images, timestamp);
        }
    }
}
