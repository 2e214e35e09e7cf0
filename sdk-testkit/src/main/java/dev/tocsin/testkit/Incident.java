package dev.tocsin.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One incident as the inbox holds it: opened by a trigger, updated by the triggers that follow while it is open
 * (each one an occurrence), acknowledged, resolved. A trigger with the key of a resolved incident opens a new one, as
 * PagerDuty does. An immutable snapshot; {@link IncidentInbox#incidents()} takes a new one.
 *
 * @param number the inbox's number for it, 1 for the first incident it opened
 * @param routingKey the routing key of its trigger; {@link #toString()} shows only its last four characters
 * @param dedupKey its key: the trigger's, or the one the inbox made for a trigger without one
 * @param status where it stands now
 * @param severity {@code critical}, {@code error}, {@code warning} or {@code info}: the latest trigger's
 * @param summary the latest trigger's summary
 * @param source the latest trigger's source
 * @param component the latest trigger's component, or {@code null}
 * @param group the latest trigger's group, or {@code null}
 * @param eventClass the latest trigger's class, or {@code null}
 * @param details the latest trigger's {@code custom_details}, or an empty object
 * @param links the latest trigger's links
 * @param images the latest trigger's images
 * @param occurrences how many triggers it took while open, the first included
 * @param openedAt when its first trigger arrived, by the inbox's clock
 * @param resolvedAt when it was resolved, or {@code null}
 * @param timeline every event it took, oldest first
 */
public record Incident(
        int number,
        String routingKey,
        String dedupKey,
        Status status,
        String severity,
        String summary,
        String source,
        String component,
        String group,
        String eventClass,
        JsonNode details,
        List<Link> links,
        List<Link> images,
        int occurrences,
        Instant openedAt,
        Instant resolvedAt,
        List<TimelineEntry> timeline) {

    /** Where an incident stands. */
    public enum Status {
        TRIGGERED, ACKNOWLEDGED, RESOLVED
    }

    /** A link, or an image (its {@code src} as {@code href}, its {@code alt} as {@code text}). */
    public record Link(String href, String text) {
    }

    /** One event an incident took: when, which action, and the request's body as sent. */
    public record TimelineEntry(Instant at, String action, String summary, String severity, JsonNode body) {
        @Override
        public String toString() {
            return at + " " + action + (summary == null ? "" : " \"" + summary + "\" (" + severity + ")");
        }
    }

    /** Triggered or acknowledged: not resolved. */
    public boolean open() {
        return status != Status.RESOLVED;
    }

    /** The first link whose href or text contains {@code text}, case ignored. */
    public Optional<Link> link(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return links.stream().filter(l -> l.href().toLowerCase(java.util.Locale.ROOT).contains(t)
                || (l.text() != null && l.text().toLowerCase(java.util.Locale.ROOT).contains(t))).findFirst();
    }

    @Override
    public String toString() {
        return "#" + number + " " + status + " " + severity + " \"" + summary + "\" key=" + dedupKey
                + " routing key …" + Secrets.tail(routingKey) + ", " + occurrences + " occurrence"
                + (occurrences == 1 ? "" : "s");
    }
}
