package dev.tocsin.rules;

import dev.tocsin.event.Severity;
import dev.tocsin.internal.expr.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One client-side event rule: a {@link Condition} and what to do with a trigger that meets it, before it leaves the
 * process. Rules run in order on the client's thread, after the event is normalised (defaults filled in, secrets
 * scrubbed) and before storm coalescing; each later rule sees what the earlier ones changed. Acknowledges and
 * resolves are never suppressed or changed by rules: they follow their trigger (same destinations, same dedup key).
 * Within a storm window, the repeats of a logged event's dedup key with the same values of the MDC keys the rules
 * read follow the decision made for its first occurrence: they are folded (or suppressed) before they are built.
 *
 * <pre>{@code
 * Rule.named("payments")
 *     .when("summary contains 'payment' or component == 'billing'")
 *     .route("payments")                 // a destination added with destination("payments", ...)
 *     .link("https://runbooks.example.com/{component}", "Runbook")
 *     .stop()
 *     .build();
 * Rule.named("pod-restarts").when("summary matches 'pod .* restarted'")
 *     .suppressUnlessMoreThan(5, Duration.ofMinutes(10)).build();
 * }</pre>
 *
 * <p>Actions: suppress (always, or unless the rule has matched more than {@code n} triggers within a sliding
 * {@code window}, this one included: the sixth pod restart in ten minutes pages); set the severity; route to named
 * destinations or to PagerDuty routing keys; add a link or a note (placeholders such as {@code {component}},
 * {@code {details.region}} or {@code {mdc.tenant}} are filled from the event; in links, percent-encoded); set the
 * dedup key from a template; drop details keys (a trailing {@code *} drops every key with that prefix). A rule that
 * {@linkplain Builder#stop() stops} ends evaluation when it matches; a suppressing rule always does.
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows no routing key. The same rule can be written in
 * {@code application.yml} or {@code logback.xml} ({@link RuleSpec}).
 */
public final class Rule {
    /** The most matches a {@code suppressUnlessMoreThan} rule counts. */
    public static final int MAX_THRESHOLD = 10_000;

    private final String name;
    private final Condition condition;
    private final boolean suppress;
    private final int unlessMoreThan;
    private final Duration within;
    private final Severity severity;
    private final List<String> routes;
    private final List<String> routingKeys;
    private final List<LinkTemplate> links;
    private final List<String> notes;
    private final String dedupKey;
    private final List<String> dropDetails;
    private final boolean stop;

    private Rule(Builder b) {
        this.name = b.name;
        this.condition = b.condition;
        this.suppress = b.suppress;
        this.unlessMoreThan = b.unlessMoreThan;
        this.within = b.within;
        this.severity = b.severity;
        this.routes = List.copyOf(b.routes);
        this.routingKeys = List.copyOf(b.routingKeys);
        this.links = List.copyOf(b.links);
        this.notes = List.copyOf(b.notes);
        this.dedupKey = b.dedupKey;
        this.dropDetails = List.copyOf(b.dropDetails);
        this.stop = b.stop;
    }

    /** Starts a rule; the name shows in error messages, logs and metrics, so keep it short and stable. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public Condition condition() {
        return condition;
    }

    /** Whether the rule suppresses what it matches (perhaps only up to a threshold). */
    public boolean suppresses() {
        return suppress;
    }

    /** With {@link #suppresses()}: the matches within {@link #within()} it suppresses; 0 means always. */
    public int unlessMoreThan() {
        return unlessMoreThan;
    }

    /** With {@link #unlessMoreThan()}: the sliding window matches are counted in; {@code null} otherwise. */
    public Duration within() {
        return within;
    }

    /** The severity it sets, or {@code null}. */
    public Severity severity() {
        return severity;
    }

    /** The named destinations it routes to. */
    public List<String> routes() {
        return routes;
    }

    /** The PagerDuty routing keys it routes to (secrets: shown nowhere else). */
    public List<String> routingKeys() {
        return routingKeys;
    }

    public List<LinkTemplate> links() {
        return links;
    }

    /** Templates of the notes it adds to the details' {@code notes} list. */
    public List<String> notes() {
        return notes;
    }

    /** The template of the dedup key it sets, or {@code null}. */
    public String dedupKey() {
        return dedupKey;
    }

    /** The details keys it drops; a trailing {@code *} matches a prefix. */
    public List<String> dropDetails() {
        return dropDetails;
    }

    /** Whether evaluation ends when this rule matches. */
    public boolean stops() {
        return stop || (suppress && unlessMoreThan == 0);
    }

    /** A description without secrets: {@code rule 'payments' when summary contains 'payment' → route payments}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("rule '").append(name).append("' when ").append(condition).append(" →");
        if (suppress) {
            b.append(unlessMoreThan == 0 ? " suppress" : " suppress unless more than " + unlessMoreThan + " in " + within);
        }
        if (severity != null) {
            b.append(" severity ").append(severity.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!routes.isEmpty()) {
            b.append(" route ").append(String.join(", ", routes));
        }
        for (String k : routingKeys) {
            b.append(" routing key …").append(k.length() > 4 ? k.substring(k.length() - 4) : "");
        }
        links.forEach(l -> b.append(" link ").append(l.text()));
        notes.forEach(n -> b.append(" note"));
        if (dedupKey != null) {
            b.append(" dedup key ").append(dedupKey);
        }
        if (!dropDetails.isEmpty()) {
            b.append(" drop ").append(String.join(", ", dropDetails));
        }
        if (stop) {
            b.append(" stop");
        }
        return b.toString();
    }

    /** A link to add, with placeholders in its address. */
    public record LinkTemplate(String href, String text) {
    }

    /** Builds a {@link Rule}; {@link #build()} checks everything and names the field that is wrong. */
    public static final class Builder {
        private final String name;
        private Condition condition = Condition.always();
        private String conditionText;
        private boolean suppress;
        private int unlessMoreThan;
        private Duration within;
        private Severity severity;
        private final List<String> routes = new ArrayList<>();
        private final List<String> routingKeys = new ArrayList<>();
        private final List<LinkTemplate> links = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private String dedupKey;
        private final List<String> dropDetails = new ArrayList<>();
        private boolean stop;

        private Builder(String name) {
            this.name = name;
        }

        /** The condition, as an expression ({@link Condition#of(String)}); checked at {@link #build()}. */
        public Builder when(String expression) {
            this.conditionText = expression;
            this.condition = null;
            return this;
        }

        public Builder when(Condition condition) {
            this.condition = condition;
            this.conditionText = null;
            return this;
        }

        /** Suppresses every trigger the rule matches. */
        public Builder suppress() {
            this.suppress = true;
            this.unlessMoreThan = 0;
            this.within = null;
            return this;
        }

        /** Suppresses matches unless more than {@code count} happened within {@code window} (this one included). */
        public Builder suppressUnlessMoreThan(int count, Duration window) {
            this.suppress = true;
            this.unlessMoreThan = count;
            this.within = window;
            if (count <= 0) {
                this.unlessMoreThan = -1; // refused at build(), which names the field
            }
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        /** Routes matching triggers to these named destinations (instead of the default route). */
        public Builder route(String... destinations) {
            routes.addAll(List.of(destinations));
            return this;
        }

        /**
         * Routes matching triggers to this PagerDuty routing key, sent like the client's first PagerDuty destination
         * (same endpoint and settings).
         */
        public Builder routingKey(String routingKey) {
            routingKeys.add(routingKey);
            return this;
        }

        /** Adds a link; placeholders in {@code hrefTemplate} are filled from the event and percent-encoded. */
        public Builder link(String hrefTemplate, String text) {
            links.add(new LinkTemplate(hrefTemplate, text));
            return this;
        }

        /** Adds a note to the details' {@code notes} list; placeholders are filled from the event. */
        public Builder note(String template) {
            notes.add(template);
            return this;
        }

        /** Sets the dedup key from a template such as {@code db-{details.cluster}}. */
        public Builder dedupKey(String template) {
            this.dedupKey = template;
            return this;
        }

        /** Drops details keys (a trailing {@code *} drops every key with that prefix). */
        public Builder dropDetails(String... keys) {
            dropDetails.addAll(List.of(keys));
            return this;
        }

        /** Ends evaluation when this rule matches. */
        public Builder stop() {
            return stop(true);
        }

        public Builder stop(boolean stop) {
            this.stop = stop;
            return this;
        }

        /**
         * @throws InvalidRuleException naming the rule and the field that is wrong
         */
        public Rule build() {
            String who = name == null || name.isBlank() ? "rule (unnamed)" : "rule '" + clip(name.strip()) + "'";
            if (name == null || name.isBlank()) {
                throw new InvalidRuleException(who, "name", "is required");
            }
            if (name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidRuleException(who, "name", "must be at most 100 printable characters");
            }
            Builder b = this;
            if (conditionText != null || condition == null) {
                try {
                    b.condition = Condition.of(conditionText);
                } catch (IllegalArgumentException e) {
                    throw new InvalidRuleException(who, "when", e.getMessage().replaceFirst("^tocsin: condition ", ""));
                }
            }
            if (suppress && unlessMoreThan < 0) {
                throw new InvalidRuleException(who, "suppress", "the count in 'unless more than N' must be positive");
            }
            if (suppress && unlessMoreThan > MAX_THRESHOLD) {
                throw new InvalidRuleException(who, "suppress", "counts at most " + MAX_THRESHOLD + " matches");
            }
            if (suppress && unlessMoreThan > 0 && (within == null || within.isNegative() || within.isZero())) {
                throw new InvalidRuleException(who, "suppress", "'unless more than " + unlessMoreThan
                        + "' needs a positive window");
            }
            for (String r : routes) {
                if (r == null || r.isBlank()) {
                    throw new InvalidRuleException(who, "route", "a destination name is blank");
                }
            }
            for (String k : routingKeys) {
                if (k == null || k.isBlank()) {
                    throw new InvalidRuleException(who, "routingKey", "is blank");
                }
                if (!k.strip().matches("[A-Za-z0-9]{32}")) {
                    throw new InvalidRuleException(who, "routingKey", "must be 32 letters and digits (a PagerDuty"
                            + " integration key)");
                }
            }
            for (LinkTemplate l : links) {
                check(who, "link", l.href());
                if (l.text() != null && l.text().length() > 1024) {
                    throw new InvalidRuleException(who, "linkText", "is longer than 1024 characters");
                }
                String sample = l.href().replaceAll("\\{[^}]*}", "x");
                if (!sample.startsWith("https://") && !sample.startsWith("http://")) {
                    throw new InvalidRuleException(who, "link", "must start with https:// or http://");
                }
            }
            notes.forEach(n -> check(who, "note", n));
            if (dedupKey != null) {
                check(who, "dedupKey", dedupKey);
            }
            for (String d : dropDetails) {
                if (d == null || d.isBlank() || d.equals("*")) {
                    throw new InvalidRuleException(who, "dropDetails", "a key is blank or '*' (drop keys by name or"
                            + " prefix*)");
                }
            }
            routingKeys.replaceAll(String::strip);
            return new Rule(this);
        }

        private static void check(String who, String field, String template) {
            try {
                Template.parse(template);
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleException(who, field, e.getMessage());
            }
        }

        private static String clip(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }
    }
}
