package dev.tocsin.event;

import dev.tocsin.internal.text.Digests;
import dev.tocsin.internal.text.Scrubber;
import dev.tocsin.internal.text.Throwables;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Derives dedup keys: the identity that makes the same failure on 200 hosts one incident, and different
 * failures different incidents.
 *
 * <p>A key from a {@link Throwable} hashes, for each exception in the cause chain, its type and the
 * package-qualified class and method of its top application frames (JDK, logging and container frames are
 * skipped; line numbers, lambda and proxy counters are left out). It is therefore the same across hosts, JVMs
 * and restarts, survives edits that only move lines, and differs when the root cause differs. A key from a
 * message hashes the origin (such as a logger name) and the message with its variable parts replaced (see
 * {@link #normalize(String)}), so {@code order 123 failed} and {@code order 456 failed} share a key.
 *
 * <p>Derived keys are printable ASCII; every key is at most {@value #MAX_LENGTH} characters. A caller's own key
 * is sent as it is when it is valid (see {@link #sanitize(String)}), and otherwise mapped to a key that stays
 * distinct for distinct inputs. Exceptions are read defensively (accessors that throw or recurse, cause chains
 * that loop), and at most {@value #MAX_MESSAGE} characters of a message are read. Thread-safe; all methods are
 * pure functions.
 */
public final class DedupKeys {

    /** The longest key this class returns (PagerDuty's limit is 255). */
    public static final int MAX_LENGTH = 255;

    /** The most characters of a message that {@link #ofMessage} reads; the rest does not change the key. */
    public static final int MAX_MESSAGE = 4096;

    static final int FRAMES_PER_EXCEPTION = 3;
    static final int MAX_CAUSES = Throwables.MAX_CAUSES;
    /** A sanitized key keeps at most this much of the caller's text in front of the hash. */
    private static final int KEPT_PREFIX = 200;

    private static final String[] INFRASTRUCTURE = {
        "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "scala.",
        "org.springframework.", "ch.qos.logback.", "org.slf4j.", "org.apache.logging.", "org.apache.catalina.",
        "org.apache.tomcat.", "org.apache.coyote.", "org.eclipse.jetty.", "io.undertow.", "io.netty.",
        "reactor.", "io.micrometer.", "org.junit.", "org.apache.maven.", "net.bytebuddy.", "org.hibernate.",
        "com.zaxxer.hikari."
    };
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b(?:0[xX][0-9a-fA-F]+|(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,})\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    /** Counters the JVM and code generators put into class and method names. */
    private static final Pattern GENERATED = Pattern.compile(
            "(\\$\\$Lambda)[^.]*|(\\$\\$)(?:EnhancerBy|FastClassBy|SpringCGLIB|\\$)[^.]*|(\\$Proxy)\\d+|(Accessor)\\d+|(lambda\\$[^$]+)\\$\\d+");

    private DedupKeys() {
    }

    /**
     * The key for a failure, from its exception.
     *
     * @param error the failure; must not be {@code null}
     * @return a key such as {@code SQLTransientConnectionException-3f9a1c2b7d4e5f60}
     */
    public static String of(Throwable error) {
        if (error == null) {
            return "exception-" + hash("");
        }
        StringBuilder fingerprint = new StringBuilder(256);
        List<Throwable> chain = Throwables.chain(error, MAX_CAUSES);
        for (Throwable t : chain) {
            fingerprint.append(t.getClass().getName()).append('\n');
            appendFrames(fingerprint, Throwables.frames(t));
        }
        return printable(simpleName(chain.get(chain.size() - 1).getClass()), 60, false) + "-"
                + hash(fingerprint.toString());
    }

    /**
     * The key for a failure known only by a message, such as a log line without an exception.
     *
     * @param origin where the message comes from, such as the logger name; may be {@code null}
     * @param message the message, best the unformatted template ({@code "order {} failed"})
     * @return a key such as {@code msg-1a2b3c4d5e6f7081}
     */
    public static String ofMessage(String origin, String message) {
        String text = message == null ? "" : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        String from = origin == null ? "" : origin.length() > MAX_MESSAGE ? origin.substring(0, MAX_MESSAGE) : origin;
        return "msg-" + hash(from + "\n" + normalize(text));
    }

    /**
     * Replaces the parts of a message that vary between occurrences of the same failure: UUIDs become
     * {@code <uuid>}, hex ids ({@code 0x1f}, or eight or more hex digits) {@code <hex>}, runs of digits
     * {@code #}; white space is folded.
     */
    public static String normalize(String message) {
        String s = UUID.matcher(message).replaceAll("<uuid>");
        s = HEX.matcher(s).replaceAll("<hex>");
        s = NUMBER.matcher(s).replaceAll("#");
        return SPACE.matcher(s).replaceAll(" ").trim();
    }

    /**
     * Makes a caller's key safe to send, keeping distinct keys distinct. A key of at most {@value #MAX_LENGTH}
     * characters, without control, format, private-use or unassigned characters, lone surrogates, or white space
     * at either end, and with nothing in it that looks like a secret, is returned as it is: non-ASCII text such
     * as {@code ошибка} stays readable. Any other key becomes its first (cleaned) characters followed by
     * {@code ~} and a hash of the whole key, and a key that looks like a secret (say {@code password=…}) becomes
     * {@code hashed~} and its hash only, so the secret never leaves the process. The mapping depends on the key
     * alone, so it is the same in every JVM. Returns {@code null} for a {@code null} or blank key.
     */
    public static String sanitize(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        boolean valid = isValid(key);
        if (looksSecret(key)) {
            return "hashed~" + keyHash(key);
        }
        if (valid) {
            return key; // the common case, and the storm path: no copy
        }
        return kept(key) + "~" + keyHash(key);
    }

    /** A hash of the key's UTF-16 text: lone surrogates, which UTF-8 cannot carry, are hashed as escapes. */
    private static String keyHash(String key) {
        StringBuilder escaped = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < key.length()
                    && Character.isLowSurrogate(key.charAt(i + 1));
            if (Character.isSurrogate(c) && !pair) {
                if (escaped == null) {
                    escaped = new StringBuilder(key.length() + 8).append(key, 0, i);
                }
                escaped.append(String.format("\\u%04X", (int) c));
                continue;
            }
            if (escaped != null) {
                escaped.append(c);
                if (pair) {
                    escaped.append(key.charAt(++i));
                }
            } else if (pair) {
                i++;
            }
        }
        return hash(escaped == null ? key : escaped.toString());
    }

    /** The first {@value #KEPT_PREFIX} characters of a key, each one that is not valid replaced by {@code _}. */
    private static String kept(String key) {
        StringBuilder out = new StringBuilder(KEPT_PREFIX);
        for (int i = 0; i < key.length() && out.length() < KEPT_PREFIX; ) {
            int cp = key.codePointAt(i);
            int n = Character.charCount(cp);
            boolean ok = cp >= 0x20 && cp < 0x7f || printable(cp) && out.length() + n <= KEPT_PREFIX;
            if (ok) {
                out.appendCodePoint(cp);
            } else {
                out.append('_');
            }
            i += n;
        }
        return out.toString().strip();
    }

    private static boolean isValid(String key) {
        int n = key.length();
        if (n > MAX_LENGTH || Character.isWhitespace(key.charAt(0)) || Character.isWhitespace(key.charAt(n - 1))) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(key.charAt(i + 1))) {
                if (!printable(key.codePointAt(i))) {
                    return false;
                }
                i++;
                continue;
            }
            if (!printable(c)) {
                return false;
            }
        }
        return true;
    }

    /** Letters, marks, digits, punctuation, symbols and the plain space: what shows the same everywhere. */
    private static boolean printable(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                return false;
            }
            case Character.SPACE_SEPARATOR -> {
                return codePoint == ' ';
            }
            default -> {
                return true;
            }
        }
    }

    /**
     * Whether a scrubber would change the key, or the part of it that {@link #kept} would show (control
     * characters turned to {@code _} must not reveal {@code password\u0000=hunter2}). Long keys are checked as
     * far as any of them is shown.
     */
    private static boolean looksSecret(String key) {
        String window = key.length() > KEPT_PREFIX * 2 ? key.substring(0, KEPT_PREFIX * 2) : key;
        String shown = kept(window);
        return !Scrubber.text(window).equals(window) || !Scrubber.text(shown).equals(shown);
    }

    private static void appendFrames(StringBuilder out, StackTraceElement[] frames) {
        int taken = 0;
        for (StackTraceElement frame : frames) {
            if (taken < FRAMES_PER_EXCEPTION && !isInfrastructure(frame.getClassName())) {
                appendFrame(out, frame);
                taken++;
            }
        }
        // An exception thrown wholly inside libraries still gets a fingerprint from its top frames.
        for (int i = 0; taken == 0 && i < Math.min(FRAMES_PER_EXCEPTION, frames.length); i++) {
            appendFrame(out, frames[i]);
        }
    }

    private static void appendFrame(StringBuilder out, StackTraceElement frame) {
        out.append(stable(frame.getClassName())).append('#').append(stable(frame.getMethodName())).append('\n');
    }

    static String stable(String name) {
        return GENERATED.matcher(name).replaceAll("$1$2$3$4$5");
    }

    private static boolean isInfrastructure(String className) {
        for (String prefix : INFRASTRUCTURE) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String simpleName(Class<?> type) {
        try {
            return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        } catch (Throwable malformed) { // some generated classes have names getSimpleName() cannot parse
            return type.getName();
        }
    }

    private static String printable(String s, int max, boolean spaces) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            out.append((c > 0x20 || (spaces && c == 0x20)) && c < 0x7f ? c : '_');
        }
        return out.toString();
    }

    private static String hash(String text) {
        return Digests.sha256Hex(text);
    }
}
