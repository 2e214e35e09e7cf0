package dev.tocsin.spring;

/**
 * What to do about a slip in a rule ({@code tocsin.rules[n].<field>}) or a maintenance window
 * ({@code tocsin.maintenance[n].<field>}): the action of Spring Boot's failure report, one per field.
 */
final class RuleAdvice {
    static final String FIELDS = "summary, source, severity, component, group, class, logger, exception, key,"
            + " details.<key> and mdc.<key>";

    private RuleAdvice() {
    }

    /** @param rule the rule's property, such as {@code tocsin.rules[1]} */
    static String forRule(String rule, String field) {
        String property = rule + "." + RuleProperties.dashed(field);
        switch (field) {
            case "name":
                return "Give " + property + " a short name of its own (at most 100 printable characters).";
            case "when":
                return "Write " + property + " as a condition such as: summary contains 'payment' and severity in"
                        + " (critical, error). Fields: " + FIELDS + "; operators: ==, !=, contains, matches (a Java"
                        + " regular expression), in (a, b), exists, <, <=, >, >=; and, or, not, parentheses.";
            case "suppress":
                return "Set " + property + " to always, or to 'unless more than N in DURATION' (such as 'unless"
                        + " more than 5 in 10m'), or remove it.";
            case "severity":
                return "Set " + property + " to critical, error, warning or info (or P1 to P4), or remove it.";
            case "route":
                return "Name destinations in " + property + ", comma-separated: " + NamedDestinations.MAIN + " (the"
                        + " main destination), one under tocsin.destinations.<name>, or one a TocsinCustomizer adds"
                        + " by name.";
            case "routingKey":
                return "Set " + property + " to the Integration Key of an Events API v2 integration (32 letters and"
                        + " digits); if it comes from a variable, set the variable where the application runs.";
            case "link":
            case "linkText":
                return "Set " + rule + ".link to an https:// or http:// address (placeholders such as {component} or"
                        + " {details.region} are filled in), and " + rule + ".link-text to its text.";
            case "note":
            case "dedupKey":
                return "Fix " + property + ": text with placeholders such as {component}, {details.cluster} or"
                        + " {mdc.tenant}, each closed with '}'.";
            case "dropDetails":
                return "Set " + property + " to details keys, comma-separated; a trailing * drops every key with that"
                        + " prefix (such as mdc.*).";
            case "stop":
                return "Set " + property + " to true or false, or remove it.";
            default:
                return "Fix " + property + ".";
        }
    }

    /** @param window the window's property, such as {@code tocsin.maintenance[0]} */
    static String forWindow(String window, String field) {
        String property = window + "." + RuleProperties.dashed(field);
        switch (field) {
            case "days":
                return "Set " + property + " to days of the week, comma-separated (MON to SUN, or full names), or"
                        + " remove it for every day.";
            case "from":
            case "to":
                return "Set " + window + ".from and " + window + ".to to local times such as 02:00 and 03:30 (a 'to'"
                        + " not after 'from' ends the next day), or give start and end instead for a one-off window.";
            case "start":
            case "end":
                return "Set " + window + ".start and " + window + ".end to local date-times such as 2026-12-24T18:00,"
                        + " the end after the start.";
            case "zone":
                return "Set " + property + " to a time zone such as Europe/Berlin, UTC or +02:00, or remove it for"
                        + " UTC.";
            case "when":
                return "Write " + property + " as a condition such as: component == 'database'. Fields: " + FIELDS
                        + ".";
            default:
                return "Fix " + property + ".";
        }
    }
}
