package dev.tocsin.internal.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One left-to-right pass over a text that masks the secrets in it; the engine behind {@link Scrubber}.
 *
 * <p>A regex tried at every position is slow even when it is linear, so the pass only looks at anchors and
 * runs a pattern there with {@code lookingAt}: a {@code =} or {@code :} (look back for a secret-sounding
 * identifier, mask the value after it), {@code ://} (credentials in a URL), a dash (a private key block), the
 * first letter of a word (a token shape). Each anchor's pattern is bounded, and the pass resumes after what it
 * masked, so the whole costs time linear in the text. One instance per text; not thread-safe.
 */
final class SecretScan {
    /** Words that make an identifier secret; a trailing lower-case letter means a longer, innocent word. */
    static final Pattern KEYWORD = Pattern.compile("(?i:passw(?:or)?d|passphrase|pwd|(?<![a-z])pass|secret"
            + "|token|credential|authorization|access[_. -]?signature"
            + "|(?:api|access|private|account|master|encryption|signing)[_. -]?key)[sS]?(?![a-z])");

    private static final int SHORTEST_KEYWORD = "pwd".length();
    /** The identifier before a separator is looked at up to this many characters back. */
    private static final int NAME_LENGTH = 128;
    private static final Pattern SCHEME = Pattern.compile("(?i:bearer|basic|token|bot|digest|negotiate)[ \\t]{1,8}");
    /**
     * A double-quoted value ends at the first unescaped quote on its line, else (unterminated) at the line end;
     * a bare one at white space or {@code ,;&}. An object or array ({@code {"user": …}}) is no value: the pass
     * goes on into it and masks its own pairs.
     */
    private static final Pattern VALUE = Pattern.compile(
            "\"[^\\r\\n]{0,4096}?(?<!\\\\)\"|\"[^\\r\\n]*+|'[^'\\r\\n]*+'?|[^\\s,;&{\\[][^\\s,;&]*+");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("[^/\\s:@]{0,256}:[^/\\s]{1,256}@");
    private static final Pattern SLACK_HOOK = Pattern.compile("//hooks\\.slack\\.com/services/[A-Za-z0-9/_\\-]{8,255}");
    private static final Pattern KEY_BEGIN =
            Pattern.compile("-{3,5} ?BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)? ?-{3,5}");
    private static final Pattern KEY_END = Pattern.compile("-{3,5} ?END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)? ?-{3,5}");
    private static final Pattern TOKEN = Pattern.compile(String.join("|",
            "(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])",
            "gh[pousr]_[A-Za-z0-9]{30,255}", "github_pat_[A-Za-z0-9_]{22,255}", "glpat-[A-Za-z0-9_\\-]{20,255}",
            "xox[abeprs]-[A-Za-z0-9\\-]{10,255}", "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,255}",
            "AIza[A-Za-z0-9_\\-]{35}", "npm_[A-Za-z0-9]{36}", "SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}",
            "(?<![_\\-])eyJ[A-Za-z0-9_\\-]{8,1000}\\.[A-Za-z0-9_\\-]{0,1000}\\.?[A-Za-z0-9_\\-]{0,1000}",
            // a credential after an auth scheme: at least 8 characters, not all of them letters (not prose)
            "(?<!_)(?<scheme>(?i:bearer|basic)[ \\t]{1,8})"
                    + "(?=[A-Za-z]{0,1023}[0-9\\-._~+/=])[A-Za-z0-9\\-._~+/]{8,1024}={0,2}"));

    private final String s;
    private final Matcher[] matchers = new Matcher[8];
    private StringBuilder out;
    private int copied;

    private SecretScan(String s) {
        this.s = s;
    }

    /** {@code s} with secrets masked, keeping only what starts before {@code visible}; {@code s} if unchanged. */
    static String scrub(String s, int visible) {
        return new SecretScan(s).run(visible);
    }

    private String run(int visible) {
        for (int i = 0; i < visible; ) {
            int next = switch (s.charAt(i)) {
                case '-' -> keyBlock(i);
                case ':' -> s.startsWith("//", i + 1) ? url(i) : pair(i);
                case '=' -> pair(i);
                case 'A', 'B', 'S', 'b', 'e', 'g', 'n', 'r', 's', 'x' -> token(i);
                default -> -1;
            };
            i = next < 0 ? i + 1 : next;
        }
        if (out == null) {
            return visible == s.length() ? s : s.substring(0, visible);
        }
        return copied < visible ? out.append(s, copied, visible).toString() : out.toString();
    }

    /** A private key block from its BEGIN line to its END line, or to the end of the text if it has none. */
    private int keyBlock(int i) {
        if (i > 0 && s.charAt(i - 1) == '-') {
            return -1;
        }
        int header = lookingAt(0, KEY_BEGIN, i);
        if (header < 0) {
            return -1;
        }
        Matcher end = matcher(1, KEY_END, header);
        return mask(i, end.find() ? end.end() : s.length(), Scrubber.KEY_REMOVED);
    }

    /** {@code scheme://user:password@} and Slack webhook URLs; {@code i} is at the colon. */
    private int url(int i) {
        if (i == 0 || !isSchemeChar(s.charAt(i - 1))) {
            return -1;
        }
        int end = lookingAt(2, SLACK_HOOK, i + 1);
        if (end >= 0) {
            return mask(i + "://hooks.slack.com/services/".length(), end, Scrubber.MASK);
        }
        end = lookingAt(3, URL_CREDENTIALS, i + 3);
        return end < 0 ? -1 : mask(i + 3, end, Scrubber.MASK + "@");
    }

    /** {@code name=value}, {@code name: value}, {@code "name": "value"}, {@code name => value}; at the separator. */
    private int pair(int i) {
        int j = i - 1;
        for (int spaces = 0; j >= copied && spaces < 8 && (s.charAt(j) == ' ' || s.charAt(j) == '\t'); spaces++) {
            j--;
        }
        if (j >= copied && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
            j -= j > copied && s.charAt(j - 1) == '\\' ? 2 : 1;
        }
        int nameEnd = j + 1;
        while (j >= copied && nameEnd - j <= NAME_LENGTH && isNameChar(s.charAt(j))) {
            j--;
        }
        if (nameEnd - (j + 1) < SHORTEST_KEYWORD || !matcher(4, KEYWORD, j + 1).region(j + 1, nameEnd).find()) {
            return -1;
        }
        int v = i + 1 + (i + 1 < s.length() && s.charAt(i) == '=' && s.charAt(i + 1) == '>' ? 1 : 0);
        for (int spaces = 0; v < s.length() && spaces < 8 && (s.charAt(v) == ' ' || s.charAt(v) == '\t'); spaces++) {
            v++;
        }
        int scheme = lookingAt(5, SCHEME, v);
        v = scheme < 0 ? v : scheme;
        int end = lookingAt(6, VALUE, v);
        if (end < 0) {
            return -1;
        }
        char open = s.charAt(v);
        if (open != '"' && open != '\'') {
            return mask(v, end, Scrubber.MASK);
        }
        boolean closed = end - v >= 2 && s.charAt(end - 1) == open;
        return mask(v + 1, closed ? end - 1 : end, Scrubber.MASK) + (closed ? 1 : 0);
    }

    /** A token shape at the start of a word. */
    private int token(int i) {
        if (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
            return -1;
        }
        int end = lookingAt(7, TOKEN, i);
        if (end < 0) {
            return -1;
        }
        Matcher m = matchers[7];
        return m.start("scheme") < 0 ? mask(i, end, Scrubber.MASK) : mask(m.end("scheme"), end, Scrubber.MASK);
    }

    /** Replaces {@code [from, to)} with {@code replacement}; the index to go on from. */
    private int mask(int from, int to, String replacement) {
        if (out == null) {
            out = new StringBuilder(s.length());
        }
        out.append(s, copied, from).append(replacement);
        copied = to;
        return to;
    }

    private int lookingAt(int slot, Pattern p, int from) {
        Matcher m = matcher(slot, p, from);
        return m.lookingAt() ? m.end() : -1;
    }

    /** A matcher over {@code [from, end of text)} that sees the text around it for its lookarounds. */
    private Matcher matcher(int slot, Pattern p, int from) {
        Matcher m = matchers[slot];
        if (m == null) {
            m = matchers[slot] = p.matcher(s).useTransparentBounds(true);
        }
        return m.region(from, s.length());
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
    }

    private static boolean isSchemeChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
    }
}
