package dev.tocsin;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An informational event about a change, such as a deploy or a configuration change. It opens no incident;
 * destinations that know change events (PagerDuty) show it next to incidents of the same service.
 *
 * <p>Immutable and thread-safe.
 *
 * @param summary what changed; required
 * @param source where; {@code null} means the client's source
 * @param timestamp when; {@code null} means the client's clock at delivery time
 * @param details string-keyed, JSON-able values
 * @param links links to show with the change
 */
public record ChangeEvent(String summary, String source, Instant timestamp, Map<String, Object> details,
        List<Link> links) {

    public ChangeEvent {
        Objects.requireNonNull(summary, "summary");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** A change event with only a summary. */
    public static ChangeEvent of(String summary) {
        return new ChangeEvent(summary, null, null, Map.of(), List.of());
    }
}
