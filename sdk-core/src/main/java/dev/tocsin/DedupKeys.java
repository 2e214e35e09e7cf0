package dev.tocsin;

import dev.tocsin.internal.Digests;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
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
 * <p>Keys are printable ASCII and at most {@value #MAX_LENGTH} characters. Thread-safe; all methods are
 * pure functions.
 */
public final class DedupKeys {

    /** The longest key this class returns (PagerDuty's limit is 255). */
    public static final int MAX_LENGTH = 255;

    static final int FRAMES_PER_EXCEPTION = 3;
    static final int MAX_CAUSES = 8;

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
        StringBuilder fingerprint = new StringBuilder(256);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = error;
        for (Throwable t = error; t != null && seen.size() < MAX_CAUSES && seen.add(t); t = t.getCause()) {
            root = t;
            fingerprint.append(t.getClass().getName()).append('\n');
            appendFrames(fingerprint, t.getStackTrace());
        }
        return printable(root.getClass().getSimpleName(), 60, false) + "-" + hash(fingerprint.toString());
    }

    /**
     * The key for a failure known only by a message, such as a log line without an exception.
     *
     * @param origin where the message comes from, such as the logger name; may be {@code null}
     * @param message the message, best the unformatted template ({@code "order {} failed"})
     * @return a key such as {@code msg-1a2b3c4d5e6f7081}
     */
    public static String ofMessage(String origin, String message) {
        return "msg-" + hash((origin == null ? "" : origin) + "\n" + normalize(message == null ? "" : message));
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
     * Makes a caller's key safe to send: control and non-ASCII characters become {@code _}, and a key longer
     * than {@value #MAX_LENGTH} characters keeps its first 200 characters followed by a hash of the whole.
     * Returns {@code null} for a {@code null} or blank key.
     */
    public static String sanitize(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        if (isClean(key)) {
            return key; // the common case, and the storm path: no copy
        }
        String clean = printable(key.strip(), Integer.MAX_VALUE, true);
        if (clean.length() <= MAX_LENGTH) {
            return clean;
        }
        return clean.substring(0, 200) + "~" + hash(key);
    }

    private static boolean isClean(String key) {
        int n = key.length();
        if (n > MAX_LENGTH || key.charAt(0) == ' ' || key.charAt(n - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
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
