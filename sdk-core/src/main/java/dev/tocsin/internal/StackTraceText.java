package dev.tocsin.internal;

/** A short text stack trace for an alert's details; rendered on the client's thread, never the caller's. */
public final class StackTraceText {
    private static final int MAX_CAUSES = 8;

    private StackTraceText() {
    }

    /**
     * Like {@link Throwable#printStackTrace()}, but at most {@code framesPerException} frames of each exception
     * in the cause chain (eight at most), with a {@code ... n more} line for the rest.
     */
    public static String render(Throwable error, int framesPerException) {
        StringBuilder out = new StringBuilder();
        int causes = 0;
        for (Throwable t = error; t != null && causes < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause()) {
            if (causes++ > 0) {
                out.append("Caused by: ").append(t).append('\n');
            }
            StackTraceElement[] frames = t.getStackTrace();
            int shown = Math.min(frames.length, framesPerException);
            for (int i = 0; i < shown; i++) {
                out.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > shown) {
                out.append("\t... ").append(frames.length - shown).append(" more\n");
            }
        }
        return out.toString();
    }
}
