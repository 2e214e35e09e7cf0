package dev.tocsin;

import dev.tocsin.event.Severity;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of {@code java dev.tocsin.TestPage}, by environment variable name: from the environment, then from
 * the arguments ({@code --name value} or {@code --name=value}), which win. Every error names the setting as it was
 * given and never repeats a value that could be a secret. Immutable.
 */
final class TestPageSettings {
    static final String ROUTING_KEY = "TOCSIN_ROUTING_KEY";
    static final String EVENTS_URL = "TOCSIN_EVENTS_URL";
    static final String ALERTMANAGER_URLS = "TOCSIN_ALERTMANAGER_URLS";
    static final String WEBHOOK_URL = "TOCSIN_WEBHOOK_URL";
    static final String WEBHOOK_SECRET = "TOCSIN_WEBHOOK_SECRET";
    static final String TIMEOUT = "TOCSIN_TEST_PAGE_TIMEOUT";
    static final String SEVERITY = "TOCSIN_TEST_PAGE_SEVERITY";
    static final String SOURCE = "TOCSIN_SOURCE";
    static final String ALLOW_INSECURE_HTTP = "TOCSIN_ALLOW_INSECURE_HTTP";

    /** Option → the variable it overrides. The secrets have no option. */
    private static final Map<String, String> OPTIONS = Map.of(
            "--events-url", EVENTS_URL, "--alertmanager-urls", ALERTMANAGER_URLS, "--webhook-url", WEBHOOK_URL,
            "--timeout", TIMEOUT, "--severity", SEVERITY, "--source", SOURCE,
            "--allow-insecure-http", ALLOW_INSECURE_HTTP);
    private static final List<String> VARIABLES = List.of(ROUTING_KEY, EVENTS_URL, ALERTMANAGER_URLS, WEBHOOK_URL,
            WEBHOOK_SECRET, TIMEOUT, SEVERITY, SOURCE, ALLOW_INSECURE_HTTP);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?");

    private final Map<String, String> values;
    private final Map<String, String> names;
    private final boolean help;

    private TestPageSettings(Map<String, String> values, Map<String, String> names, boolean help) {
        this.values = Map.copyOf(values);
        this.names = Map.copyOf(names);
        this.help = help;
    }

    /** @throws IllegalArgumentException for an unknown argument, a missing value, or a blank one */
    static TestPageSettings read(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (String variable : VARIABLES) {
            String value = env.get(variable);
            if (value != null) {
                values.put(variable, value);
                names.put(variable, variable);
            }
        }
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i] == null ? "" : args[i].strip();
            int eq = arg.indexOf('=');
            String option = eq < 0 ? arg : arg.substring(0, eq);
            if (option.equals("--help") || option.equals("-h")) {
                help = true;
                continue;
            }
            if (option.equals("--routing-key") || option.equals("--webhook-secret")) {
                throw new IllegalArgumentException("tocsin: " + option + " is not taken on the command line, where "
                        + "other users of the machine can read it: set " + (option.equals("--routing-key")
                        ? ROUTING_KEY : WEBHOOK_SECRET) + " in the environment instead");
            }
            String variable = OPTIONS.get(option);
            if (variable == null) {
                throw new IllegalArgumentException("tocsin: unknown argument '" + option + "'");
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (variable.equals(ALLOW_INSECURE_HTTP)) {
                value = "true";
            } else if (i + 1 < args.length && args[i + 1] != null && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("tocsin: " + option + " needs a value");
            }
            values.put(variable, value);
            names.put(variable, option);
        }
        values.forEach((variable, value) -> {
            if (value.isBlank()) {
                throw new IllegalArgumentException("tocsin: " + names.get(variable) + " is set but blank: give it a "
                        + "value, or unset it");
            }
        });
        return new TestPageSettings(values, names, help);
    }

    boolean help() {
        return help;
    }

    /** The value, stripped, or {@code null} if it is not set. */
    String value(String variable) {
        String v = values.get(variable);
        return v == null ? null : v.strip();
    }

    /** The name the setting was given under: its option or its variable. */
    String name(String variable) {
        return names.getOrDefault(variable, variable);
    }

    /** A comma-separated list; empty if it is not set. */
    List<String> list(String variable) {
        String v = value(variable);
        if (v == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : v.split(",", -1)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException("tocsin: " + name(variable) + " has an empty entry: give the "
                        + "URLs separated by single commas");
            }
            items.add(item.strip());
        }
        return items;
    }

    boolean flag(String variable) {
        String v = value(variable);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("tocsin: " + name(variable) + " must be true or false, was '"
                    + v + "'");
        };
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}, a number of seconds, or ISO-8601 ({@code PT10S}); positive. */
    Duration duration(String variable, Duration orElse) {
        String v = value(variable);
        if (v == null) {
            return orElse;
        }
        Duration d = null;
        Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = m.group(2) == null || m.group(2).equals("s") ? Duration.ofSeconds(n)
                    : m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofMinutes(n);
        } else {
            try {
                d = Duration.parse(v);
            } catch (DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("tocsin: " + name(variable) + " must be a positive duration such as "
                    + "10s, 500ms or 1m, was '" + v + "'");
        }
        return d;
    }

    /** The severity, or {@code null} if it is not set. */
    Severity severity(String variable) {
        String v = value(variable);
        if (v == null) {
            return null;
        }
        for (Severity s : Severity.values()) {
            if (s.wireName().equalsIgnoreCase(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("tocsin: " + name(variable) + " must be info, warning, error or critical, "
                + "was '" + v + "'");
    }
}
