package dev.tocsin;

import dev.tocsin.TestPage.Outcome;
import dev.tocsin.TestPage.Step;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.internal.text.Scrubber;
import dev.tocsin.internal.text.Throwables;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link DeliveryResult} as a {@link TestPage} step. The result's detail is the client's own words: a refusal
 * is {@code "HTTP 400: <the service's reason>"}; a delivery given up at its deadline says how often the lane failed
 * and, last, how ({@code "HTTP 503"}, {@code "connection refused (ConnectException)"}, {@code "TLS failure: …"},
 * {@code "timed out (HttpTimeoutException)"}: the outbox's lane and the transport's {@code NetworkFailures}).
 */
final class TestPageOutcomes {
    private static final Pattern GIVEN_UP = Pattern.compile(
            "the lane had failed (\\d+) times in a row(?: \\(last: (.*)\\))?$", Pattern.DOTALL);
    private static final Pattern HTTP = Pattern.compile("HTTP (\\d{3})\\b.*", Pattern.DOTALL);
    private static final String[] UNREACHABLE = {"connection refused", "unknown host", "no route to host",
        "connection reset", "connection closed without an answer"};

    private TestPageOutcomes() {
    }

    static Step of(DeliveryResult result, Duration timeout) {
        String detail = result.detail() == null ? "" : Scrubber.bounded(result.detail(), 1024, false);
        return switch (result.status()) {
            case DELIVERED -> new Step(Outcome.ACCEPTED, null);
            case REJECTED -> new Step(Outcome.REFUSED, "refused with " + detail);
            case DEAD_LETTERED -> givenUp(detail, timeout);
            case COALESCED, SUPPRESSED, DROPPED, ABANDONED -> new Step(Outcome.FAILED, "not sent: " + detail);
        };
    }

    /** A step whose stage failed or did not complete in time. */
    static Step of(Throwable failure, Duration timeout) {
        Throwable cause = Throwables.root(failure);
        if (cause instanceof TimeoutException) {
            return new Step(Outcome.TIMED_OUT, "no outcome within " + words(timeout));
        }
        return new Step(Outcome.FAILED, Throwables.summary(cause));
    }

    private static Step givenUp(String detail, Duration timeout) {
        Matcher m = GIVEN_UP.matcher(detail);
        if (!m.find()) {
            return new Step(Outcome.FAILED, detail);
        }
        String last = m.group(2);
        if (last == null) { // never sent, or no attempt ended before the deadline
            return new Step(Outcome.TIMED_OUT, "no answer within " + words(timeout));
        }
        String tries = m.group(1).equals("0") ? "" : "; " + m.group(1) + (m.group(1).equals("1") ? " attempt" : " attempts") + " failed within "
                + words(timeout);
        return new Step(kind(last), last.startsWith("TLS failure: ") ? last.substring("TLS failure: ".length())
                + "; not retried: check the endpoint's certificate and the trust store" : last + tries);
    }

    private static Outcome kind(String last) {
        Matcher http = HTTP.matcher(last);
        if (http.matches()) {
            int status = Integer.parseInt(http.group(1));
            return status == 429 || status == 408 ? Outcome.THROTTLED : status >= 500 ? Outcome.SERVER_ERROR
                    : Outcome.FAILED;
        }
        if (last.startsWith("TLS failure")) {
            return Outcome.TLS_PROBLEM;
        }
        if (last.contains("timed out")) {
            return Outcome.TIMED_OUT;
        }
        for (String words : UNREACHABLE) {
            if (last.startsWith(words)) {
                return Outcome.UNREACHABLE;
            }
        }
        return Outcome.FAILED;
    }

    /** {@code "10 s"}, {@code "1.5 s"}, {@code "500 ms"}. */
    static String words(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
