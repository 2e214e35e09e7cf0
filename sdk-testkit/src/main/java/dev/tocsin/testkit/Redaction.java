package dev.tocsin.testkit;

import java.util.regex.Pattern;

/** Routing keys in a body, masked to their last four characters, for messages and the web page. */
final class Redaction {
    private static final Pattern ROUTING_KEY = Pattern.compile("(\"routing_key\"\\s*:\\s*\")([^\"]*)(\")");

    private Redaction() {
    }

    static String redact(String body) {
        return ROUTING_KEY.matcher(body).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1) + "…" + Secrets.tail(m.group(2)) + m.group(3)));
    }
}
