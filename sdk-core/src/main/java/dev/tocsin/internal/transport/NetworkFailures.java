package dev.tocsin.internal.transport;

import dev.tocsin.internal.text.Scrubber;
import dev.tocsin.internal.text.Throwables;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Says in words what went wrong with a request that got no answer, for retry log lines, dead-letter reasons and
 * delivery results: {@code connection refused}, {@code connection reset}, {@code timed out},
 * {@code unknown host}, {@code TLS failure: …}, followed by the exception type that says so.
 *
 * <p>The JDK's HTTP client wraps what happened in several layers, and the innermost one is often the least telling:
 * a refused connection ends in a {@code ClosedChannelException}, an unknown host in an
 * {@code UnresolvedAddressException}, a timeout in "connection closed locally". So the whole cause chain is read
 * and the most telling kind wins: TLS, unknown host, timeout, refused, reset, closed without an answer. A failure
 * of none of these kinds is described as its root cause's type and message, as before.
 */
public final class NetworkFailures {
    private NetworkFailures() {
    }

    /** One line, scrubbed, never a secret: what went wrong and the type of the exception that says it. */
    public static String describe(Throwable failure) {
        List<Throwable> chain = Throwables.chain(failure, 16);
        for (Kind kind : Kind.values()) {
            for (Throwable t : chain) {
                String words = kind.words(t);
                if (words != null) {
                    return words + " (" + typeName(t) + ")";
                }
            }
        }
        return Throwables.summary(Throwables.root(failure));
    }

    private static String typeName(Throwable t) {
        String simple = t.getClass().getSimpleName();
        return simple.isEmpty() ? t.getClass().getName() : simple;
    }

    /** The kinds of failure, most telling first. */
    private enum Kind {
        TLS {
            @Override
            String words(Throwable t) {
                if (!(t instanceof SSLException || t instanceof GeneralSecurityException)) {
                    return null;
                }
                String message = Throwables.message(t);
                return message == null ? "TLS failure" : "TLS failure: " + Scrubber.bounded(message, 200, false);
            }
        },
        UNKNOWN_HOST {
            @Override
            String words(Throwable t) {
                return t instanceof UnknownHostException || t instanceof UnresolvedAddressException ? "unknown host"
                        : null;
            }
        },
        TIMEOUT {
            @Override
            String words(Throwable t) {
                if (t instanceof HttpConnectTimeoutException) {
                    return "connect timed out";
                }
                if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
                        || t instanceof TimeoutException || t instanceof InterruptedByTimeoutException) {
                    return "timed out";
                }
                return t instanceof ConnectException && has(t, "timed out") ? "connect timed out" : null;
            }
        },
        REFUSED {
            @Override
            String words(Throwable t) {
                if (t instanceof NoRouteToHostException) {
                    return "no route to host";
                }
                // The JDK's client throws a ConnectException without a message for a refused connection.
                return t instanceof ConnectException && (Throwables.message(t) == null || has(t, "refused"))
                        ? "connection refused" : null;
            }
        },
        RESET {
            @Override
            String words(Throwable t) {
                return t instanceof SocketException && (has(t, "reset") || has(t, "broken pipe"))
                        ? "connection reset" : null;
            }
        },
        CLOSED {
            @Override
            String words(Throwable t) {
                // IOException only: a CompletionException's message repeats its cause's.
                return t instanceof EOFException || t instanceof java.io.IOException
                        && (has(t, "received no bytes") || has(t, "connection closed"))
                        ? "connection closed without an answer" : null;
            }
        };

        abstract String words(Throwable t);

        private static boolean has(Throwable t, String words) {
            String message = Throwables.message(t);
            return message != null && message.toLowerCase(Locale.ROOT).contains(words);
        }
    }
}
