package dev.tocsin.rules;

import dev.tocsin.event.Severity;
import dev.tocsin.internal.expr.Durations;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Rule} as configuration writes it: every value a string, the same names in {@code application.yml}
 * ({@code tocsin.rules[n].*}) and {@code logback.xml} ({@code <rule>} elements of the appender), so a rule means the
 * same wherever it is written. A JavaBean (Spring binds it, Logback's configurator fills it).
 *
 * <pre>
 * name: pod-restarts
 * when: summary matches 'pod .* restarted'
 * suppress: unless more than 5 in 10m     # or: always
 * severity: critical                      # critical, error, warning, info (or P1 to P4)
 * route: payments, slack                  # named destinations, comma-separated
 * routing-key: ${PAYMENTS_KEY}            # a PagerDuty routing key
 * link: https://runbooks.example.com/{component}
 * link-text: Runbook
 * note: "Owned by the {details.team} team"
 * dedup-key: "db-{details.cluster}"
 * drop-details: stack_trace, mdc.*
 * stop: true
 * </pre>
 */
public class RuleSpec {
    private static final Pattern UNLESS = Pattern.compile(
            "(?i)unless\\s+(?:more\\s+than\\s+|>\\s*)?(\\d{1,9})\\s+(?:in|within)\\s+(.+)");

    private String name;
    private String when;
    private String suppress;
    private String severity;
    private String route;
    private String routingKey;
    private String link;
    private String linkText;
    private String note;
    private String dedupKey;
    private String dropDetails;
    private String stop;

    /**
     * The rule this spec describes.
     *
     * @param position the rule's place in its list, from 1, naming a rule that has no name
     * @throws InvalidRuleException naming the rule and the field that is wrong
     */
    public Rule toRule(int position) {
        String named = name == null || name.isBlank() ? null : name.strip();
        String who = named == null ? "rule #" + position : "rule '" + named + "'";
        if (named == null) {
            throw new InvalidRuleException(who, "name", "is required (it names the rule in errors, logs and metrics)");
        }
        Rule.Builder b = Rule.named(named);
        if (blank(when)) { // a misspelt or unset condition must not make a rule act on every trigger
            throw new InvalidRuleException(who, "when", "is required (write true to act on every trigger)");
        }
        b.when(when);
        if (!blank(suppress)) {
            String s = suppress.strip();
            Matcher m = UNLESS.matcher(s);
            if (s.equalsIgnoreCase("always") || s.equalsIgnoreCase("true")) {
                b.suppress();
            } else if (m.matches()) {
                try {
                    b.suppressUnlessMoreThan(Integer.parseInt(m.group(1)), Durations.parse(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidRuleException(who, "suppress", e.getMessage());
                }
            } else if (!s.equalsIgnoreCase("never") && !s.equalsIgnoreCase("false")) {
                throw new InvalidRuleException(who, "suppress", "'" + s + "' is neither 'always' nor 'unless more than"
                        + " N in DURATION' (such as 'unless more than 5 in 10m')");
            }
        }
        if (!blank(severity)) {
            Severity s = SeverityPolicy.severity(severity);
            if (s == null) {
                throw new InvalidRuleException(who, "severity", "'" + severity.strip() + "' is not a severity; use"
                        + " critical, error, warning, info or P1 to P4");
            }
            b.severity(s);
        }
        SeverityPolicy.names(route).forEach(b::route);
        if (routingKey != null) {
            if (routingKey.isBlank()) {
                throw new InvalidRuleException(who, "routingKey", "is blank (an unset variable?)");
            }
            b.routingKey(routingKey);
        }
        if (!blank(link)) {
            b.link(link.strip(), blank(linkText) ? "Link" : linkText.strip());
        } else if (!blank(linkText)) {
            throw new InvalidRuleException(who, "linkText", "is set without a link");
        }
        if (!blank(note)) {
            b.note(note.strip());
        }
        if (!blank(dedupKey)) {
            b.dedupKey(dedupKey.strip());
        }
        SeverityPolicy.names(dropDetails).forEach(b::dropDetails);
        if (!blank(stop)) {
            String s = stop.strip().toLowerCase(Locale.ROOT);
            if (!s.equals("true") && !s.equals("false")) {
                throw new InvalidRuleException(who, "stop", "'" + stop.strip() + "' is neither true nor false");
            }
            b.stop(s.equals("true"));
        }
        return b.build();
    }

    /**
     * A duration as rules configuration writes it: {@code 10m}, {@code 30s}, {@code 2h}, {@code 1d},
     * {@code 10 minutes} or ISO-8601 {@code PT10M}; for integrations that read settings next to rules.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static java.time.Duration duration(String text) {
        return Durations.parse(text);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getWhen() {
        return when;
    }

    public void setWhen(String when) {
        this.when = when;
    }

    public String getSuppress() {
        return suppress;
    }

    public void setSuppress(String suppress) {
        this.suppress = suppress;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public String getRoute() {
        return route;
    }

    public void setRoute(String route) {
        this.route = route;
    }

    public String getRoutingKey() {
        return routingKey;
    }

    public void setRoutingKey(String routingKey) {
        this.routingKey = routingKey;
    }

    public String getLink() {
        return link;
    }

    public void setLink(String link) {
        this.link = link;
    }

    public String getLinkText() {
        return linkText;
    }

    public void setLinkText(String linkText) {
        this.linkText = linkText;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public String getDedupKey() {
        return dedupKey;
    }

    public void setDedupKey(String dedupKey) {
        this.dedupKey = dedupKey;
    }

    public String getDropDetails() {
        return dropDetails;
    }

    public void setDropDetails(String dropDetails) {
        this.dropDetails = dropDetails;
    }

    public String getStop() {
        return stop;
    }

    public void setStop(String stop) {
        this.stop = stop;
    }

    /** Shows no routing key. */
    @Override
    public String toString() {
        return "RuleSpec[name=" + name + ", when=" + when + (routingKey == null ? "" : ", routingKey=…") + "]";
    }
}
