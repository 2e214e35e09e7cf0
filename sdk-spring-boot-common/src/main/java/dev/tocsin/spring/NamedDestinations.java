package dev.tocsin.spring;

import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.spi.Destination;
import dev.tocsin.webhook.SlackDestination;
import dev.tocsin.webhook.WebhookDestination;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The destinations of {@code tocsin.destinations.<name>.*}, each checked before the client is built: a
 * {@link TocsinPropertyException} names the property (never its value: keys, webhook URLs and secrets are secrets).
 * A blank value is a slip here, not "off": a named destination that a rule or the severity policy sends to must work.
 */
final class NamedDestinations {
    /** The route name of the main PagerDuty destination ({@code tocsin.pagerduty.*}). */
    static final String MAIN = "pagerduty";
    static final List<String> TYPES = List.of("pagerduty", "slack", "webhook");
    /** As the core wants route names; checked here to name the property. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private NamedDestinations() {
    }

    /** @throws TocsinPropertyException for the first destination property that is wrong */
    static Map<String, Destination> of(TocsinProperties p) {
        Map<String, Destination> out = new LinkedHashMap<>();
        p.getDestinations().forEach((name, d) -> out.put(name, destination(p, name, d)));
        return out;
    }

    private static Destination destination(TocsinProperties p, String name, TocsinProperties.NamedDestination d) {
        String prefix = "tocsin.destinations." + name;
        if (!NAME.matcher(name).matches()) {
            throw new TocsinPropertyException(prefix, prefix + ": the name must be 1 to 64 letters, digits, '-', '_' or"
                    + " '.', starting with a letter or digit", "Rename the destination under tocsin.destinations.");
        }
        if (name.equals(MAIN)) {
            throw new TocsinPropertyException(prefix, prefix + ": the name " + MAIN + " is the main destination's"
                    + " (tocsin.pagerduty.*)", "Give the extra destination another name, such as " + MAIN
                    + "-payments, and route to that name.");
        }
        if (d == null) {
            d = new TocsinProperties.NamedDestination();
        }
        String type = type(prefix, d.getType());
        String urlProperty = d.getUrl() != null || d.getEndpoint() == null ? prefix + ".url" : prefix + ".endpoint";
        String url = url(prefix, d);
        switch (type) {
            case "pagerduty":
                notFor(prefix, type, "secret", d.getSecret());
                return pagerDuty(p, prefix, urlProperty, url, d);
            case "slack":
                notFor(prefix, type, "routing-key", d.getRoutingKey());
                notFor(prefix, type, "secret", d.getSecret());
                if (Boolean.TRUE.equals(d.getAllowInsecureHttp())) {
                    throw new TocsinPropertyException(prefix + ".allow-insecure-http", prefix + ".allow-insecure-http"
                            + " does not apply to type slack: Slack's webhooks are https (plain http works to loopback"
                            + " only)", "Remove " + prefix + ".allow-insecure-http.");
                }
                required(urlProperty, url, "the incoming webhook's URL (https://hooks.slack.com/services/...)");
                PropertyChecks.url(urlProperty, url, false, null);
                return SlackDestination.of(url);
            default:
                notFor(prefix, type, "routing-key", d.getRoutingKey());
                return webhook(prefix, urlProperty, url, d);
        }
    }

    private static Destination pagerDuty(TocsinProperties p, String prefix, String urlProperty, String url,
            TocsinProperties.NamedDestination d) {
        String key = d.getRoutingKey();
        required(prefix + ".routing-key", key, "the Events API v2 integration key (32 letters and digits)");
        boolean own = url != null;
        String endpoint = own ? url : p.getPagerduty().getEndpoint();
        boolean insecure = d.getAllowInsecureHttp() != null ? d.getAllowInsecureHttp()
                : !own && p.getPagerduty().isAllowInsecureHttp();
        if (own || d.getAllowInsecureHttp() != null) {
            PropertyChecks.url(own ? urlProperty : "tocsin.pagerduty.endpoint", endpoint, insecure,
                    prefix + ".allow-insecure-http");
        }
        try {
            return PagerDutyDestination.builder().routingKey(key).endpoint(endpoint).allowInsecureHttp(insecure).build();
        } catch (IllegalArgumentException e) {
            // The endpoint passed above, so this is the key; the core's message never shows it.
            throw new TocsinPropertyException(prefix + ".routing-key", PropertyChecks.springNames(e.getMessage())
                    .replace("tocsin.pagerduty.routing-key", prefix + ".routing-key"), "Set " + prefix
                    + ".routing-key to the Integration Key of an Events API v2 integration (32 letters and digits).");
        }
    }

    private static Destination webhook(String prefix, String urlProperty, String url,
            TocsinProperties.NamedDestination d) {
        required(urlProperty, url, "the URL to POST to");
        boolean insecure = Boolean.TRUE.equals(d.getAllowInsecureHttp());
        PropertyChecks.url(urlProperty, url, insecure, prefix + ".allow-insecure-http");
        WebhookDestination.Builder b = WebhookDestination.builder().url(url).allowInsecureHttp(insecure);
        if (d.getSecret() != null) {
            required(prefix + ".secret", d.getSecret(), "the signing secret");
            b.secret(d.getSecret());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // The URL passed above, so this is the secret; the core's message never shows it.
            throw new TocsinPropertyException(prefix + ".secret", PropertyChecks.springNames(e.getMessage())
                    .replace("webhook.secret", prefix + ".secret"), "Set " + prefix + ".secret to the receiver's"
                    + " signing secret (Standard Webhooks: whsec_ followed by base64), or remove it.");
        }
    }

    private static String type(String prefix, String type) {
        String property = prefix + ".type";
        if (type == null || type.isBlank()) {
            throw new TocsinPropertyException(property, property + " is required: pagerduty, slack or webhook",
                    "Set " + property + " to pagerduty, slack or webhook.");
        }
        String t = type.strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(t)) {
            String closest = TYPES.stream().filter(k -> UnknownProperties.distance(k, t) <= 2).findFirst().orElse(null);
            throw new TocsinPropertyException(property, property + " is '" + type.strip() + "', not a destination type"
                    + (closest == null ? "" : " (did you mean " + closest + "?)"),
                    "Set " + property + " to pagerduty, slack or webhook.");
        }
        return t;
    }

    /** The URL, written as {@code url} or {@code endpoint}; {@code null} if neither is set. */
    private static String url(String prefix, TocsinProperties.NamedDestination d) {
        if (d.getUrl() != null && d.getEndpoint() != null && !d.getUrl().strip().equals(d.getEndpoint().strip())) {
            throw new TocsinPropertyException(prefix + ".url", prefix + ".url and " + prefix + ".endpoint are both"
                    + " set, to different values; they are one setting", "Remove one of them.");
        }
        return d.getUrl() != null ? d.getUrl() : d.getEndpoint();
    }

    /** A value that must be set: not missing, blank, or a placeholder whose variable is unset. */
    static void required(String property, String value, String what) {
        required(property, null, value, what);
    }

    /** @param who the rule it belongs to, such as {@code rule 'payments'}; {@code null} for none */
    static void required(String property, String who, String value, String what) {
        String label = property + (who == null ? "" : " (" + who + ")");
        if (value == null) {
            throw new TocsinPropertyException(property, label + " is required: " + what, "Set " + property + ".");
        }
        List<String> unset = Activation.unresolved(value);
        if (!unset.isEmpty()) {
            throw new TocsinPropertyException(property, label + " refers to " + String.join(", ", unset)
                    + ", which " + (unset.size() == 1 ? "is" : "are") + " not set", "Set " + String.join(", ", unset)
                    + " where the application runs, or remove " + property + ".");
        }
        if (value.isBlank()) {
            throw new TocsinPropertyException(property, label + " is blank (an unset variable?): " + what,
                    "Set " + property + "; if it comes from a variable, such as ${NAME:}, set the variable where the"
                            + " application runs.");
        }
    }

    private static void notFor(String prefix, String type, String setting, String value) {
        if (value != null) {
            throw new TocsinPropertyException(prefix + "." + setting, prefix + "." + setting + " does not apply to"
                    + " type " + type, "Remove " + prefix + "." + setting + ", or set " + prefix + ".type to the"
                    + " type it belongs to.");
        }
    }
}
