package dev.tocsin.internal.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads exceptions that the application made, which may be hostile: accessors that throw, recurse or return
 * {@code null}, cause chains that loop or run 10,000 deep. Every method here returns something usable and never
 * throws; every walk is bounded. The SDK walks cause chains only through {@link #chain}.
 */
public final class Throwables {
    /** The most exceptions of a cause chain that are read: the top ones say what failed, the rest repeat it. */
    public static final int MAX_CAUSES = 8;
    /** The most suppressed exceptions read of any one exception. */
    public static final int MAX_SUPPRESSED = 4;
    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

    private Throwables() {
    }

    /**
     * What {@link Throwable#toString()} says, or, if that fails, the class name and whatever of the message can
     * be read, such as {@code com.example.Failure (toString() failed: StackOverflowError)}.
     */
    public static String describe(Throwable t) {
        if (t == null) {
            return "null";
        }
        try {
            String s = t.toString();
            if (s != null) {
                return s;
            }
        } catch (Throwable failure) {
            String message = message(t);
            return t.getClass().getName() + (message != null ? ": " + message : "")
                    + " (toString() failed: " + failure.getClass().getSimpleName() + ")";
        }
        return t.getClass().getName();
    }

    /**
     * The type and the start of the message, such as {@code java.net.ConnectException: Connection refused}, for a
     * result's detail or a log line: scrubbed, one line, at most 200 characters of message.
     */
    public static String summary(Throwable t) {
        String message = message(t);
        return t.getClass().getName() + (message == null ? "" : ": " + Scrubber.bounded(message, 200, false));
    }

    /** {@link Throwable#getMessage()}, or {@code null} if there is none or reading it fails. */
    public static String message(Throwable t) {
        try {
            return t.getMessage();
        } catch (Throwable failure) {
            return null;
        }
    }

    /** {@link Throwable#getStackTrace()} without {@code null} elements; empty if it cannot be read. */
    public static StackTraceElement[] frames(Throwable t) {
        StackTraceElement[] frames;
        try {
            frames = t.getStackTrace();
        } catch (Throwable failure) {
            return NO_FRAMES;
        }
        if (frames == null) {
            return NO_FRAMES;
        }
        for (StackTraceElement frame : frames) {
            if (frame == null) {
                return java.util.Arrays.stream(frames).filter(f -> f != null).toArray(StackTraceElement[]::new);
            }
        }
        return frames;
    }

    /**
     * The exception and its causes, outermost first: at most {@code max}, each once (a chain that loops ends
     * where it would repeat), stopping where {@link Throwable#getCause()} fails.
     */
    public static List<Throwable> chain(Throwable t, int max) {
        List<Throwable> out = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cur = t; cur != null && out.size() < max && seen.add(cur); cur = cause(cur)) {
            out.add(cur);
        }
        return out;
    }

    /** The innermost of the first {@link #MAX_CAUSES} exceptions of the chain. */
    public static Throwable root(Throwable t) {
        List<Throwable> chain = chain(t, MAX_CAUSES);
        return chain.isEmpty() ? t : chain.get(chain.size() - 1);
    }

    /** At most {@link #MAX_SUPPRESSED} suppressed exceptions; none if they cannot be read. */
    public static List<Throwable> suppressed(Throwable t) {
        try {
            Throwable[] all = t.getSuppressed();
            List<Throwable> out = new ArrayList<>();
            for (int i = 0; all != null && i < all.length && out.size() < MAX_SUPPRESSED; i++) {
                if (all[i] != null) {
                    out.add(all[i]);
                }
            }
            return out;
        } catch (Throwable failure) {
            return List.of();
        }
    }

    /**
     * A copy of a failure that is safe to hand to a logging back end, which calls the accessors of what it logs:
     * the description (scrubbed), frames and (bounded) causes as read by this class, in an exception of the
     * SDK's own type whose message starts with the original type's name.
     */
    public static Throwable loggable(Throwable t) {
        List<Throwable> chain = chain(t, MAX_CAUSES);
        Copy copy = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Copy outer = new Copy(Scrubber.bounded(describe(chain.get(i)), 4096, true), copy);
            outer.setStackTrace(frames(chain.get(i)));
            copy = outer;
        }
        return copy == null ? new Copy("null", null) : copy;
    }

    /** A failure as read, under the name of the original type. */
    private static final class Copy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Copy(String description, Throwable cause) {
            super(description, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    private static Throwable cause(Throwable t) {
        try {
            return t.getCause();
        } catch (Throwable failure) {
            return null;
        }
    }
}
