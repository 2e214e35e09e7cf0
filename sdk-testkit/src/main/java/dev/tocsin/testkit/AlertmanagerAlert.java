package dev.tocsin.testkit;

import java.time.Instant;
import java.util.Map;

/**
 * One alert the inbox holds as an Alertmanager would: identified by its labels, its annotations and times those of
 * the latest update. Immutable.
 *
 * @param labels its labels, sorted by name
 * @param annotations the latest annotations
 * @param startsAt the latest {@code startsAt}
 * @param endsAt the latest {@code endsAt}; when it was absent, the time of that update plus the resolve timeout
 *     (5 minutes), as Alertmanager sets it
 * @param generatorUrl the latest {@code generatorURL}, or {@code null}
 * @param updates how many times it was sent
 * @param firing whether {@code endsAt} was still ahead when the snapshot was taken
 * @param firstReceivedAt when it first arrived, by the inbox's clock
 * @param lastReceivedAt when it last arrived
 */
public record AlertmanagerAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
        Instant endsAt, String generatorUrl, int updates, boolean firing, Instant firstReceivedAt,
        Instant lastReceivedAt) {

    /** The value of one label, or {@code null}. */
    public String label(String name) {
        return labels.get(name);
    }

    @Override
    public String toString() {
        return (firing ? "firing " : "resolved ") + labels + ", " + updates + " update" + (updates == 1 ? "" : "s");
    }
}
