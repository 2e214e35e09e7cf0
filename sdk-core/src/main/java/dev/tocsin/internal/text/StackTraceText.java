package dev.tocsin.internal.text;

import java.util.List;

/**
 * A short text stack trace for an alert's details; rendered on the client's thread, never the caller's.
 * Bounded whatever the exception: at most {@link Throwables#MAX_CAUSES} exceptions of the cause chain, at most
 * {@link Throwables#MAX_SUPPRESSED} suppressed exceptions of each (their own causes are not followed), a given
 * number of frames each, and each exception's description cut to {@value #MAX_DESCRIPTION} characters.
 */
public final class StackTraceText {
    static final int MAX_DESCRIPTION = 2048;

    private StackTraceText() {
    }

    /**
     * Like {@link Throwable#printStackTrace()}, but at most {@code framesPerException} frames of each exception,
     * with a {@code ... n more} line for the rest. Never throws, whatever the exception's accessors do.
     */
    public static String render(Throwable error, int framesPerException) {
        StringBuilder out = new StringBuilder();
        List<Throwable> chain = Throwables.chain(error, Throwables.MAX_CAUSES);
        for (int i = 0; i < chain.size(); i++) {
            Throwable t = chain.get(i);
            if (i > 0) {
                out.append("Caused by: ").append(cut(Throwables.describe(t))).append('\n');
            }
            frames(out, t, framesPerException, "\t");
            for (Throwable s : Throwables.suppressed(t)) {
                out.append("\tSuppressed: ").append(cut(Throwables.describe(s))).append('\n');
                frames(out, s, Math.min(framesPerException, 3), "\t\t");
            }
        }
        return out.toString();
    }

    private static void frames(StringBuilder out, Throwable t, int max, String indent) {
        StackTraceElement[] frames = Throwables.frames(t);
        int shown = Math.min(frames.length, max);
        for (int i = 0; i < shown; i++) {
            out.append(indent).append("at ").append(frames[i]).append('\n');
        }
        if (frames.length > shown) {
            out.append(indent).append("... ").append(frames.length - shown).append(" more\n");
        }
    }

    private static String cut(String s) {
        return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION) + "…";
    }
}
