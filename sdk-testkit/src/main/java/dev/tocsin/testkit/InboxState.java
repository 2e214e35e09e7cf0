package dev.tocsin.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Everything the inbox holds: incidents per routing key and dedup key, change events, Alertmanager alerts per label
 * set, and the requests received. Each change bumps a version and wakes whoever waits for one (a test awaiting an
 * incident, the web page's event stream). Guarded by its own monitor.
 */
final class InboxState {
    /** How long Alertmanager lets an alert without {@code endsAt} fire: its default {@code resolve_timeout}. */
    static final Duration RESOLVE_TIMEOUT = Duration.ofMinutes(5);

    private final Clock clock;
    private final int requestLimit;
    private final List<MutableIncident> incidents = new ArrayList<>();
    private final Map<String, MutableIncident> latest = new HashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final Map<Map<String, String>, MutableAlert> alerts = new LinkedHashMap<>();
    private final Deque<ReceivedRequest> requests = new ArrayDeque<>();
    private long received;
    private long version;

    InboxState(Clock clock, int requestLimit) {
        this.clock = clock;
        this.requestLimit = requestLimit;
    }

    Instant now() {
        return clock.instant();
    }

    synchronized long version() {
        return version;
    }

    /** Waits until the version passes {@code seen} or the time is up; the version then. */
    synchronized long awaitChange(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (version == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return version;
    }

    private void changed() {
        version++;
        notifyAll();
    }

    // ---- PagerDuty ----

    /** Applies a valid alert request; the dedup key it answers with. */
    synchronized String alert(JsonNode body) {
        Instant now = clock.instant();
        String routingKey = body.get("routing_key").asText();
        String action = body.get("event_action").asText();
        JsonNode dedup = body.get("dedup_key");
        String key = dedup == null || dedup.isNull() || dedup.asText().isEmpty() ? UUID.randomUUID().toString().replace("-", "")
                : dedup.asText();
        MutableIncident incident = latest.get(routingKey + "\n" + key);
        if (action.equals("trigger")) {
            if (incident == null || incident.status == Incident.Status.RESOLVED) {
                incident = new MutableIncident(incidents.size() + 1, routingKey, key, now);
                incidents.add(incident);
                latest.put(routingKey + "\n" + key, incident);
            }
            incident.trigger(body, now);
        } else if (incident != null && incident.status != Incident.Status.RESOLVED) {
            incident.move(action, body, now);
        }
        // An acknowledge or resolve for no open incident is taken and does nothing, as PagerDuty does.
        changed();
        return key;
    }

    synchronized void change(JsonNode body) {
        JsonNode payload = body.get("payload");
        changes.add(new Change(body.get("routing_key").asText(), payload.get("summary").asText(),
                textOrNull(payload, "source"), textOrNull(payload, "timestamp"), details(payload),
                links(body.get("links"), "href", "text"), clock.instant(), body.deepCopy()));
        changed();
    }

    synchronized List<Incident> incidents() {
        return incidents.stream().map(MutableIncident::snapshot).toList();
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    // ---- Alertmanager ----

    synchronized void alertmanager(JsonNode alert) {
        Instant now = clock.instant();
        Map<String, String> labels = strings(alert.get("labels"));
        MutableAlert held = alerts.computeIfAbsent(labels, l -> new MutableAlert(l, now));
        held.update(alert, now);
        changed();
    }

    synchronized List<AlertmanagerAlert> alertmanagerAlerts() {
        Instant now = clock.instant();
        return alerts.values().stream().map(a -> a.snapshot(now)).toList();
    }

    // ---- requests ----

    synchronized void record(ReceivedRequest request) {
        requests.addLast(request);
        received++;
        while (requests.size() > requestLimit) {
            requests.removeFirst();
        }
        changed();
    }

    synchronized List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many requests arrived, including those no longer kept. */
    synchronized long received() {
        return received;
    }

    synchronized void clear() {
        incidents.clear();
        latest.clear();
        changes.clear();
        alerts.clear();
        requests.clear();
        received = 0;
        changed();
    }

    // ---- helpers ----

    static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static JsonNode details(JsonNode payload) {
        JsonNode d = payload.get("custom_details");
        return d != null && d.isObject() ? d.deepCopy() : Json.MAPPER.createObjectNode();
    }

    static List<Incident.Link> links(JsonNode array, String href, String text) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<Incident.Link> out = new ArrayList<>();
        array.forEach(l -> out.add(new Incident.Link(l.path(href).asText(), textOrNull(l, text))));
        return List.copyOf(out);
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        if (object != null && object.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static final class MutableIncident {
        final int number;
        final String routingKey;
        final String dedupKey;
        final Instant openedAt;
        final List<Incident.TimelineEntry> timeline = new ArrayList<>();
        Incident.Status status = Incident.Status.TRIGGERED;
        JsonNode payload = Json.MAPPER.createObjectNode();
        List<Incident.Link> links = List.of();
        List<Incident.Link> images = List.of();
        int occurrences;
        Instant resolvedAt;

        MutableIncident(int number, String routingKey, String dedupKey, Instant openedAt) {
            this.number = number;
            this.routingKey = routingKey;
            this.dedupKey = dedupKey;
            this.openedAt = openedAt;
        }

        void trigger(JsonNode body, Instant now) {
            occurrences++;
            payload = body.get("payload").deepCopy();
            links = links(body.get("links"), "href", "text");
            images = links(body.get("images"), "src", "alt");
            timeline.add(new Incident.TimelineEntry(now, "trigger", payload.path("summary").asText(),
                    payload.path("severity").asText(), body.deepCopy()));
        }

        void move(String action, JsonNode body, Instant now) {
            if (action.equals("resolve")) {
                status = Incident.Status.RESOLVED;
                resolvedAt = now;
            } else {
                status = Incident.Status.ACKNOWLEDGED;
            }
            timeline.add(new Incident.TimelineEntry(now, action, null, null, body.deepCopy()));
        }

        Incident snapshot() {
            ObjectNode p = (ObjectNode) payload;
            return new Incident(number, routingKey, dedupKey, status, textOrNull(p, "severity"),
                    textOrNull(p, "summary"), textOrNull(p, "source"), textOrNull(p, "component"), textOrNull(p, "group"),
                    textOrNull(p, "class"), details(p), links, images, occurrences, openedAt, resolvedAt,
                    List.copyOf(timeline));
        }
    }

    private static final class MutableAlert {
        final Map<String, String> labels;
        final Instant firstReceivedAt;
        Map<String, String> annotations = Map.of();
        Instant startsAt;
        Instant endsAt;
        String generatorUrl;
        int updates;
        Instant lastReceivedAt;

        MutableAlert(Map<String, String> labels, Instant now) {
            this.labels = labels;
            this.firstReceivedAt = now;
        }

        void update(JsonNode alert, Instant now) {
            updates++;
            lastReceivedAt = now;
            annotations = strings(alert.get("annotations"));
            Instant starts = AlertmanagerRules.time(alert, "startsAt");
            startsAt = starts == null ? (startsAt == null ? now : startsAt) : starts;
            Instant ends = AlertmanagerRules.time(alert, "endsAt");
            endsAt = ends == null ? now.plus(RESOLVE_TIMEOUT) : ends;
            generatorUrl = textOrNull(alert, "generatorURL");
        }

        AlertmanagerAlert snapshot(Instant now) {
            return new AlertmanagerAlert(labels, annotations, startsAt, endsAt, generatorUrl, updates,
                    endsAt.isAfter(now), firstReceivedAt, lastReceivedAt);
        }
    }
}
