package dev.tocsin.spring;

import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.spi.Endpoints;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the values the binder cannot, when Tocsin is on, before anything is built or sent: each problem is a
 * {@link TocsinPropertyException} naming the Spring property. The core's own checks are reused, and their messages
 * are said again with Spring's property names; values that could be secrets are never repeated.
 */
final class PropertyChecks {
    static final Set<String> THRESHOLDS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    private PropertyChecks() {
    }

    /** @throws TocsinPropertyException for the first property that is wrong */
    static void check(TocsinProperties p) {
        pagerDuty(p);
        positive("tocsin.shutdown-timeout", p.getShutdownTimeout(), "5s");
        positive("tocsin.health.interval", p.getHealth().getInterval(), "30s");
        atLeastOne("tocsin.health.down-checks", p.getHealth().getDownChecks());
        atLeastOne("tocsin.health.up-checks", p.getHealth().getUpChecks());
        String threshold = p.getLogback().getThreshold();
        if (threshold == null || !THRESHOLDS.contains(threshold.strip().toUpperCase(Locale.ROOT))) {
            throw new TocsinPropertyException("tocsin.logback.threshold", "tocsin.logback.threshold must be one of "
                    + "ERROR, WARN, INFO, DEBUG or TRACE, was '" + threshold + "'",
                    "Set tocsin.logback.threshold to ERROR (the default), WARN, INFO, DEBUG or TRACE.");
        }
        if (p.getLogback().getAutoResolveAfter() != null && (p.getLogback().getAutoResolveAfter().isNegative()
                || p.getLogback().getAutoResolveAfter().isZero())) {
            throw new TocsinPropertyException("tocsin.logback.auto-resolve-after", "tocsin.logback.auto-resolve-after"
                    + " must be a positive duration, was " + p.getLogback().getAutoResolveAfter(),
                    "Set tocsin.logback.auto-resolve-after to a positive duration such as 30m, or remove it so that "
                            + "log-born incidents are never resolved by themselves.");
        }
        String heartbeat = p.getHeartbeat().getUrl();
        if (Activation.isSet(heartbeat)) { // else the heartbeat is off
            url("tocsin.heartbeat.url", heartbeat, p.getHeartbeat().isAllowInsecureHttp(),
                    "tocsin.heartbeat.allow-insecure-http");
        }
        positive("tocsin.heartbeat.interval", p.getHeartbeat().getInterval(), "1m");
    }

    /**
     * The PagerDuty destination of the properties.
     *
     * @throws TocsinPropertyException naming {@code tocsin.pagerduty.routing-key} or {@code tocsin.pagerduty.endpoint}
     */
    static PagerDutyDestination pagerDuty(TocsinProperties p) {
        TocsinProperties.PagerDuty pd = p.getPagerduty();
        url("tocsin.pagerduty.endpoint", pd.getEndpoint(), pd.isAllowInsecureHttp(),
                "tocsin.pagerduty.allow-insecure-http");
        try {
            return PagerDutyDestination.builder().routingKey(pd.getRoutingKey()).endpoint(pd.getEndpoint())
                    .allowInsecureHttp(pd.isAllowInsecureHttp()).build();
        } catch (IllegalArgumentException e) {
            // The endpoint passed above, so this is the key. The core's message says how long the value is, never
            // what it is; it names the setting the core's way (pagerduty.routingKey) after a "tocsin: " prefix.
            throw new TocsinPropertyException("tocsin.pagerduty.routing-key", springNames(e.getMessage()),
                    "Set tocsin.pagerduty.routing-key to the Integration Key of an Events API v2 integration "
                            + "(32 letters and digits; not a REST API key), or leave it blank to switch Tocsin off.");
        }
    }

    /** A core message in the starter's words: without the core's prefix, with Spring's property names. */
    static String springNames(String coreMessage) {
        String m = coreMessage == null ? "" : coreMessage;
        if (m.startsWith("tocsin: ")) {
            m = m.substring("tocsin: ".length());
        }
        return m.replace("pagerduty.routingKey", "tocsin.pagerduty.routing-key");
    }

    /**
     * @param insecureProperty the property that allows plain http to another host; {@code null} if none does
     */
    static void url(String property, String url, boolean insecureAllowed, String insecureProperty) {
        try {
            Endpoints.check(property, url, insecureAllowed);
        } catch (IllegalArgumentException e) {
            throw new TocsinPropertyException(property, springNames(e.getMessage()), "Set " + property
                    + " to an absolute https URL, or to http on a loopback address"
                    + (insecureProperty == null ? "." : "; for plain http to another host you trust, also set "
                            + insecureProperty + "=true."));
        }
    }

    private static void positive(String property, Duration value, String example) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new TocsinPropertyException(property, property + " must be a positive duration, was " + value,
                    "Set " + property + " to a positive duration such as " + example + " (the default), or remove it.");
        }
    }

    private static void atLeastOne(String property, int value) {
        if (value < 1) {
            throw new TocsinPropertyException(property, property + " must be at least 1, was " + value,
                    "Set " + property + " to 1 or more, or remove it to use the default.");
        }
    }
}
