package dev.tocsin.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Fluent assertions over an {@link IncidentInbox}. Delivery is asynchronous, so every assertion waits, up to five
 * seconds unless {@link InboxAssert#within(Duration) told otherwise}, for the inbox to reach what it states, and fails
 * with what the inbox holds instead:
 *
 * <pre>{@code
 * assertThat(inbox).hasIncident("payment-failed")
 *         .isOpen()
 *         .hasSeverity("critical")
 *         .hasOccurrences(3)
 *         .hasLink("runbook");
 * }</pre>
 */
public final class InboxAssertions {
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    private InboxAssertions() {
    }

    public static InboxAssert assertThat(IncidentInbox inbox) {
        return new InboxAssert(Objects.requireNonNull(inbox, "inbox"), DEFAULT_WAIT);
    }

    /** Assertions over the whole inbox. */
    public static final class InboxAssert {
        private final IncidentInbox inbox;
        private final Duration wait;

        InboxAssert(IncidentInbox inbox, Duration wait) {
            this.inbox = inbox;
            this.wait = wait;
        }

        /** Waits this long for each assertion that follows. */
        public InboxAssert within(Duration wait) {
            return new InboxAssert(inbox, Objects.requireNonNull(wait, "wait"));
        }

        /** An incident with this dedup key (the latest one) opens. */
        public IncidentAssert hasIncident(String dedupKey) {
            Objects.requireNonNull(dedupKey, "dedupKey");
            inbox.awaitIncident(dedupKey, wait);
            return new IncidentAssert(inbox, dedupKey, wait);
        }

        /** An incident matching {@code condition} opens; its assertions follow it by dedup key. */
        public IncidentAssert hasIncidentMatching(String description, Predicate<Incident> condition) {
            Incident found = inbox.awaitValue("incident " + description,
                    i -> i.incidents().stream().filter(condition).reduce((a, b) -> b).orElse(null), wait);
            return new IncidentAssert(inbox, found.dedupKey(), wait);
        }

        /** Exactly {@code count} incidents are open. */
        public InboxAssert hasOpenIncidents(int count) {
            inbox.await(count + " open incidents", i -> i.openIncidents().size() == count, wait);
            return this;
        }

        /** Exactly {@code count} incidents were opened, resolved or not. */
        public InboxAssert hasIncidentCount(int count) {
            inbox.await(count + " incidents in all", i -> i.incidents().size() == count, wait);
            return this;
        }

        /** A change event whose summary contains {@code text} arrives. */
        public InboxAssert hasChange(String text) {
            inbox.await("change event containing \"" + text + "\"",
                    i -> i.changes().stream().anyMatch(c -> c.summary().contains(text)), wait);
            return this;
        }

        /** An Alertmanager alert with at least these labels arrives. */
        public AlertAssert hasAlertmanagerAlert(Map<String, String> labels) {
            Objects.requireNonNull(labels, "labels");
            inbox.awaitValue("Alertmanager alert with labels " + labels, i -> AlertAssert.find(i, labels), wait);
            return new AlertAssert(inbox, labels, wait);
        }

        /** No request so far is one the real service would refuse. Checked at once. */
        public InboxAssert hasNoInvalidRequests() {
            InboxExtension.assertAllValid(inbox);
            return this;
        }
    }

    /** Assertions over one incident, read again (the latest with its key) at each assertion. */
    public static final class IncidentAssert {
        private final IncidentInbox inbox;
        private final String key;
        private final Duration wait;

        IncidentAssert(IncidentInbox inbox, String key, Duration wait) {
            this.inbox = inbox;
            this.key = key;
            this.wait = wait;
        }

        private IncidentAssert holds(String expectation, Predicate<Incident> condition) {
            inbox.awaitValue("incident " + key + " that " + expectation,
                    i -> i.incident(key).filter(condition).orElse(null), wait);
            return this;
        }

        /** The incident as it is now. */
        public Incident incident() {
            return inbox.incident(key).orElseThrow();
        }

        public IncidentAssert isOpen() {
            return holds("is open", Incident::open);
        }

        public IncidentAssert isTriggered() {
            return holds("is triggered", i -> i.status() == Incident.Status.TRIGGERED);
        }

        public IncidentAssert isAcknowledged() {
            return holds("is acknowledged", i -> i.status() == Incident.Status.ACKNOWLEDGED);
        }

        public IncidentAssert isResolved() {
            return holds("is resolved", i -> i.status() == Incident.Status.RESOLVED);
        }

        /** {@code critical}, {@code error}, {@code warning} or {@code info}, case ignored. */
        public IncidentAssert hasSeverity(String severity) {
            return holds("has severity " + severity, i -> severity.equalsIgnoreCase(i.severity()));
        }

        public IncidentAssert hasSummaryContaining(String text) {
            return holds("has a summary containing \"" + text + "\"", i -> i.summary() != null && i.summary().contains(text));
        }

        public IncidentAssert hasSource(String source) {
            return holds("has source " + source, i -> source.equals(i.source()));
        }

        public IncidentAssert hasComponent(String component) {
            return holds("has component " + component, i -> component.equals(i.component()));
        }

        /** Exactly this many triggers while open. */
        public IncidentAssert hasOccurrences(int count) {
            return holds("has " + count + " occurrences", i -> i.occurrences() == count);
        }

        /** A link whose href or text contains {@code text}, case ignored: {@code hasLink("runbook")}. */
        public IncidentAssert hasLink(String text) {
            return holds("has a link containing \"" + text + "\"", i -> i.link(text).isPresent());
        }

        /** A {@code custom_details} field with this value as text. */
        public IncidentAssert hasDetail(String name, String value) {
            return holds("has detail " + name + "=" + value,
                    i -> i.details().has(name) && value.equals(i.details().get(name).asText()));
        }

        public IncidentAssert satisfies(String description, Predicate<Incident> condition) {
            return holds(description, condition);
        }
    }

    /** Assertions over one Alertmanager alert, found by labels it has. */
    public static final class AlertAssert {
        private final IncidentInbox inbox;
        private final Map<String, String> labels;
        private final Duration wait;

        AlertAssert(IncidentInbox inbox, Map<String, String> labels, Duration wait) {
            this.inbox = inbox;
            this.labels = labels;
            this.wait = wait;
        }

        static AlertmanagerAlert find(IncidentInbox inbox, Map<String, String> labels) {
            return inbox.alertmanagerAlerts().stream()
                    .filter(a -> a.labels().entrySet().containsAll(labels.entrySet())).reduce((a, b) -> b).orElse(null);
        }

        private AlertAssert holds(String expectation, Predicate<AlertmanagerAlert> condition) {
            inbox.awaitValue("Alertmanager alert " + labels + " that " + expectation, i -> {
                AlertmanagerAlert a = find(i, labels);
                return a != null && condition.test(a) ? a : null;
            }, wait);
            return this;
        }

        public AlertAssert isFiring() {
            return holds("is firing", AlertmanagerAlert::firing);
        }

        public AlertAssert isResolved() {
            return holds("is resolved", a -> !a.firing());
        }

        public AlertAssert hasAnnotation(String name, String value) {
            return holds("has annotation " + name + "=" + value, a -> value.equals(a.annotations().get(name)));
        }
    }
}
