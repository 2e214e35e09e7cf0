package dev.tocsin.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks common secret shapes in text before it leaves the process: credentials in URLs, bearer tokens,
 * {@code password=…}-style pairs, cloud and chat access keys, private key blocks. A detail whose name looks
 * secret is masked whole. Heuristic by nature: it catches the usual accidents, not a determined leak.
 */
public final class Scrubber {
    static final String MASK = "****";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)passw(or)?d|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|authorization");
    private static final List<Rule> RULES = List.of(
            new Rule("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----",
                    "[private key removed]"),
            new Rule("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s:@]+:[^/\\s@]+@", "$1" + MASK + "@"),
            new Rule("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9\\-._~+/]{8,}=*", "$1$2" + MASK),
            new Rule("(?i)\\b(passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)([\"']?\\s*[=:]\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|[^\\s,;&\"']+)", "$1$2" + MASK),
            new Rule("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b", MASK),
            new Rule("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b", MASK),
            new Rule("\\bxox[abprs]-[A-Za-z0-9-]{10,}\\b", MASK));

    /** How far past the cut a scrubbed window reaches, so that no secret starting before the cut is cut in half. */
    public static final int MARGIN = 4096;

    private Scrubber() {
    }

    /** At most {@code max} characters of scrubbed, cleaned text, from a window of {@code max + MARGIN}. */
    public static String bounded(String s, int max, boolean keepBreaks) {
        if (s == null) {
            return null;
        }
        String window = s.length() > max + MARGIN ? s.substring(0, max + MARGIN) : s;
        String clean = text(window);
        return keepBreaks ? Text.block(clean, max) : Text.line(clean, max);
    }

    /** The text with secret shapes masked; the same instance when there was nothing to mask. */
    public static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        String out = s;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern.matcher(out);
            if (m.find()) {
                out = m.replaceAll(rule.replacement);
            }
        }
        return out;
    }

    /** Whether a detail's name says its value is a secret. */
    public static boolean secretName(String name) {
        return name != null && SECRET_NAME.matcher(name).find();
    }

    private record Rule(Pattern pattern, String replacement) {
        Rule(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }
    }
}
