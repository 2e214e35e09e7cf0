package dev.tocsin.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Whether Tocsin is on, and why not: on when {@code tocsin.pagerduty.routing-key} has a value and
 * {@code tocsin.enabled} is not {@code false}. A blank key is off, so {@code ${TOCSIN_ROUTING_KEY:}} switches Tocsin
 * off where the variable is unset; so is a key that is still a placeholder, such as {@code ${TOCSIN_ROUTING_KEY}}
 * with the variable unset, which would otherwise fail Spring's own property resolution. The key is read through
 * the binder, which leaves such a placeholder as it is, never through {@code Environment.getProperty}, which
 * throws. Both the early client ({@link EarlyPaging}) and the auto-configuration decide with this, so they agree.
 *
 * @param on whether Tocsin is on
 * @param reason for off, why, naming the property; never the key's value
 */
record Activation(boolean on, String reason) {
    static final String ROUTING_KEY = "tocsin.pagerduty.routing-key";
    static final String ENABLED = "tocsin.enabled";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)[^}]*}");

    static Activation of(Environment environment) {
        Binder binder = Binder.get(environment);
        Boolean enabled;
        try {
            enabled = binder.bind(ENABLED, Boolean.class).orElse(Boolean.TRUE);
        } catch (BindException e) {
            enabled = Boolean.TRUE; // the properties' binding fails startup, naming tocsin.enabled
        }
        if (!enabled) {
            return new Activation(false, ENABLED + "=false");
        }
        String key = binder.bind(ROUTING_KEY, String.class).orElse(null);
        if (key == null) {
            return new Activation(false, "no routing key (" + ROUTING_KEY + " is not set)");
        }
        List<String> unset = unresolved(key);
        if (!unset.isEmpty()) {
            return new Activation(false, "no routing key (" + ROUTING_KEY + " refers to " + String.join(", ", unset)
                    + ", which " + (unset.size() == 1 ? "is" : "are") + " not set)");
        }
        if (key.isBlank()) {
            return new Activation(false, "no routing key (" + ROUTING_KEY + " is blank)");
        }
        return new Activation(true, null);
    }

    /**
     * Whether a value is set: not missing, not blank, and not a placeholder whose variable is unset (the binder
     * leaves such a placeholder as it is). Such values mean "off" for the routing key and the heartbeat URL.
     */
    static boolean isSet(String value) {
        return value != null && !value.isBlank() && unresolved(value).isEmpty();
    }

    /** The names of placeholders the binder could not resolve, such as {@code TOCSIN_ROUTING_KEY}. */
    static List<String> unresolved(String value) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            names.add(m.group(1).strip());
        }
        return names;
    }
}
