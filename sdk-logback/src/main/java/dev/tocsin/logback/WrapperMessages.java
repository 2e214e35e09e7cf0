package dev.tocsin.logback;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells log messages that only wrap the exception logged with them, and so make a useless page title, from
 * messages that say something. An alert whose message is a wrapper takes its summary from the exception's root
 * cause instead (see {@link LogRecord}). A message is a wrapper when, with an exception attached, it
 *
 * <ul>
 *   <li>is blank, or says no more than that something failed: {@code "Error"}, {@code "Unexpected exception"},
 *       {@code "An error occurred:"} and the like, whatever the case and trailing punctuation; or
 *   <li>starts as a servlet container or framework reports an exception thrown through it: Tomcat's
 *       {@code Servlet.service() for servlet [...] in context with path [...] threw exception}, Undertow's
 *       {@code UT005023: Exception handling request to}, Jetty's bare request path ({@code /orders/42}), Spring's
 *       {@code Request processing failed}, {@code Unexpected error occurred in scheduled task},
 *       {@code Unexpected exception occurred invoking async method}, {@code Application run failed}, Netty's
 *       {@code An exceptionCaught() event was fired, and it reached at the tail of the pipeline}, or
 *       {@code Exception in thread "…"}.
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class WrapperMessages {
    private static final Set<String> SAYS_NOTHING = Set.of("error", "exception", "failure", "failed", "fatal",
            "unexpected error", "unexpected exception", "unexpected failure", "unhandled exception",
            "uncaught exception", "unhandled error", "internal error", "internal server error", "server error",
            "an error occurred", "an exception occurred", "an unexpected error occurred",
            "an unexpected exception occurred", "error occurred", "exception occurred", "exception caught",
            "caught exception", "error caught", "request failed", "something went wrong", "oops");

    private static final Pattern CONTAINERS = Pattern.compile(String.join("|",
            "Servlet\\.service\\(\\) for servlet \\[.*?] in context with path \\[.*?] threw exception",
            "UT005023: Exception handling request to ",
            "/\\S*$", // Jetty logs the request's path as the message
            "Request processing failed",
            "Unexpected error occurred in scheduled task",
            "Unexpected exception occurred invoking async method",
            "Application run failed",
            "An exceptionCaught\\(\\) event was fired, and it reached at the tail of the pipeline",
            "Exception in thread \""), Pattern.DOTALL);

    private WrapperMessages() {
    }

    /** Whether {@code message}, logged with an exception, only wraps it. */
    static boolean isWrapper(String message) {
        if (message == null || message.isBlank()) {
            return true;
        }
        String text = message.strip();
        if (text.length() <= 40) {
            String words = text.replaceAll("[\\p{Punct}\\s]+$", "").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (words.isEmpty() || SAYS_NOTHING.contains(words)) {
                return true;
            }
        }
        // The start is enough to know a wrapper; a huge message is not scanned to its end.
        return CONTAINERS.matcher(text).region(0, Math.min(text.length(), 1024)).useAnchoringBounds(false)
                .lookingAt();
    }
}
