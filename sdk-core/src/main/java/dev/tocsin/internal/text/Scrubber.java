package dev.tocsin.internal.text;

/**
 * Masks common secret shapes in text before it leaves the process: {@code password=…}-style pairs in
 * properties, YAML, env, JSON, URL query and header syntax; credentials in URLs; bearer and basic tokens;
 * cloud, forge, chat and payment access keys; JWTs; PEM and PGP private key blocks. A detail whose name looks
 * secret is masked whole. Heuristic by nature: it catches the usual accidents, not a determined leak.
 *
 * <p>Stateless and thread-safe. Scrubbing is one pass linear in the text (see {@link SecretScan}): its
 * patterns run only at anchors, their runs are bounded ({@code {0,N}}) or possessive, word edges are explicit
 * lookarounds and nothing repeats a group, so a hostile string costs time proportional to its length and never
 * overflows the stack. {@link #bounded} reads no more than {@code max + }{@value #MARGIN} characters however
 * long the input is; prefer it to {@code text} for anything that is cut afterwards.
 *
 * <p>Keywords are matched inside any identifier ({@code DB_PASSWORD}, {@code a.b.password},
 * {@code client_secret}, {@code x-api-key}, {@code accountKey}) but must end there or at a camel-case edge:
 * {@code tokenizer}, {@code secretary} and {@code passport} are not secrets; {@code tokenCount} and
 * {@code PWD} (the shell's working directory) are treated as such, an accepted false positive.
 */
public final class Scrubber {
    public static final String MASK = "****";
    public static final String KEY_REMOVED = "[private key removed]";

    /**
     * How far past {@code max} {@link #bounded} reads, so that a secret starting before the cut is seen whole
     * and masked rather than cut in half. At least {@link #LONGEST_SHAPE}; key blocks longer than this that
     * cross the window's end are masked to the end.
     */
    public static final int MARGIN = 4096;

    /**
     * The longest secret shape, other than key blocks and keyword values, that must be seen whole to be
     * recognised (a URL with credentials is at most about 550 characters, tokens 300; a JWT is masked from
     * its first dot on, so a cut one still is). When {@link #bounded}
     * cuts the input, the last this many characters of its window are read but never shown, so a shape cut
     * by the window's end cannot slip into view after earlier masks have shortened the text.
     */
    static final int LONGEST_SHAPE = 1024;

    private Scrubber() {
    }

    /** The text with secret shapes masked; the same instance when there was nothing to mask. */
    public static String text(String s) {
        return s == null || s.isEmpty() ? s : SecretScan.scrub(s, s.length());
    }

    /**
     * The text cleaned, scrubbed and cut to {@code max} characters ({@link Text#block} if {@code keepBreaks},
     * else {@link Text#line}); {@code null} for {@code null}. Only the first {@code max + }{@value #MARGIN}
     * characters are read, and scrubbed before the cut, so a secret that starts before {@code max} is masked
     * whole and a private key block that runs past the window is masked to its end. {@code max} must be
     * positive.
     */
    public static String bounded(String s, int max, boolean keepBreaks) {
        if (s == null) {
            return null;
        }
        boolean cut = s.length() > (long) max + MARGIN;
        String window = cut ? s.substring(0, max + MARGIN) : s;
        // Cleaned before it is scanned (same length: one character for one), so that a control character
        // cannot hide a secret from the scan and become a space on the wire (password\u0000=hunter2).
        String clean = keepBreaks ? Text.block(window, Integer.MAX_VALUE) : Text.line(window, Integer.MAX_VALUE);
        String out = SecretScan.scrub(clean, cut ? clean.length() - LONGEST_SHAPE : clean.length());
        if (cut && out.length() <= max) {
            out += "…"; // masks shortened the text below the cut: still say that something was left out
        }
        return keepBreaks ? Text.block(out, max) : Text.line(out, max);
    }

    /** Whether a detail's name says its value is a secret. */
    public static boolean secretName(String name) {
        return name != null && SecretScan.KEYWORD.matcher(name).find();
    }
}
