package dev.tocsin.spi;

import dev.tocsin.internal.text.StackTraceText;
import dev.tocsin.internal.text.Throwables;

/**
 * Reads exceptions the way the client does, for integrations that describe failures in events of their own:
 * bounded (at most {@value #MAX_CAUSES} causes, cycles cut) and safe against exceptions whose accessors throw.
 */
public final class Failures {
    /** The most causes any of these methods follows. */
    public static final int MAX_CAUSES = Throwables.MAX_CAUSES;

    private Failures() {
    }

    /** The last cause in the chain (the exception itself if it has none). */
    public static Throwable rootCause(Throwable error) {
        return Throwables.root(error);
    }

    /** The exception's message, or {@code null} if it has none or reading it failed. */
    public static String message(Throwable error) {
        return Throwables.message(error);
    }

    /**
     * The exception's type and message, such as {@code java.net.ConnectException: Connection refused} (the message
     * scrubbed and cut to 200 characters); {@code "null"} for no exception.
     */
    public static String describe(Throwable error) {
        return Throwables.describe(error);
    }

    /**
     * The stack trace as text, as under the {@link #describe} line of {@link Throwable#printStackTrace()}: each
     * exception of the chain with at most {@code framesPerException} frames (at least one), the causes as
     * {@code Caused by:} lines and the suppressed exceptions, bounded as above. Not yet scrubbed: the client scrubs it
     * when it sends it.
     */
    public static String stackTrace(Throwable error, int framesPerException) {
        return StackTraceText.render(error, Math.max(1, framesPerException));
    }
}
