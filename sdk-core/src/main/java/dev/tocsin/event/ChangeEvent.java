package dev.tocsin.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An informational event about a change, such as a deploy or a configuration change. It opens no incident;
 * destinations that know change events (PagerDuty) show it next to incidents of the same service.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Never throws for bad input: a {@code null} or blank summary is sent as {@code (no summary)}, and text,
 * details and links are repaired like an {@link Alert}'s.
 *
 * @param summary what changed
 * @param source where; {@code null} means the client's source
 * @param timestamp when; {@code null} means the client's clock at delivery time
 * @param details string-keyed, JSON-able values
 * @param links links to show with the change
 */
public record ChangeEvent(String summary, String source, Instant timestamp, Map<String, Object> details,
        List<Link> links) {

    public ChangeEvent {
        details = Alert.copyOf(details);
        links = Alert.withoutNulls(links);
    }

    /** A change event with only a summary. */
    public static ChangeEvent of(String summary) {
        return new ChangeEvent(summary, null, null, Map.of(), List.of());
    }
}
