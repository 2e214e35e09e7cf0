package dev.tocsin.internal.outbox;

import dev.tocsin.internal.text.Throwables;
import java.security.GeneralSecurityException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** What the sender does with one answer: DESIGN.md's retry table. */
public enum Verdict {
    /** 2xx. */
    DELIVERED,
    /** 4xx but 408 and 429: the request itself is wrong; sending it again cannot help. */
    REJECTED,
    /** 408, 429: wait for {@code Retry-After} if given, else back off (at least the throttle floor). */
    THROTTLED,
    /** 5xx, timeouts, resets, refused connections, unknown hosts: back off and retry. */
    RETRY,
    /** TLS failure: will not heal by itself; the lane stops and reports. */
    STOP;

    static Verdict of(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        if (status == 408 || status == 429) {
            return THROTTLED;
        }
        if (status >= 400 && status < 500) {
            return REJECTED;
        }
        return RETRY; // 5xx, and 1xx/3xx that the client did not follow
    }

    /**
     * A failure without an answer. Certificate and protocol mismatches stop the lane; every other I/O failure,
     * a TLS connection that drops mid-handshake included, is retried.
     */
    public static Verdict of(Throwable failure) {
        if (failure instanceof IllegalArgumentException) {
            return STOP; // the request cannot be built (a header the JDK refuses, say): a configuration error
        }
        for (Throwable t : Throwables.chain(failure, 16)) {
            if (t instanceof GeneralSecurityException || t instanceof SSLPeerUnverifiedException) {
                return STOP; // untrusted or mismatched certificate
            }
            String message = t instanceof SSLHandshakeException ? Throwables.message(t) : null;
            if (message != null && HANDSHAKE_MISMATCH.matcher(message).find()) {
                return STOP;
            }
        }
        return RETRY;
    }

    private static final Pattern HANDSHAKE_MISMATCH = Pattern.compile(
            "handshake_failure|protocol_version|No appropriate protocol|no cipher suites|certificate",
            Pattern.CASE_INSENSITIVE);
}
