package dev.tocsin.spi;

import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;

/**
 * Where events go, and how they look on the wire there. The client owns everything else: queueing, order,
 * retries, circuit breaking, rate limiting; a destination only encodes events and explains refusals.
 *
 * <p>Implementations must be immutable and thread-safe; the client calls them from its own threads only.
 * Alerts reach {@link #encode(Alert)} already normalised: dedup key, source, severity and timestamp set,
 * summary cleaned and at most 1024 characters.
 */
public interface Destination {

    /** A short name for logs and metrics. Must not contain a secret; at most a key's last four characters. */
    String name();

    /**
     * The identity of this destination's delivery lane. Destinations with equal lane keys share one lane
     * (most severe event first, each dedup key's events in order), one circuit breaker and one rate limiter
     * (PagerDuty limits per routing key). Never logged.
     */
    String laneKey();

    /** The request for one alert, or {@code null} if this destination does not take alerts (or this one). */
    WireRequest encode(Alert alert);

    /**
     * The request for one alert as of {@code now}, for formats that carry the send time (Alertmanager's
     * {@code endsAt}). Re-sends call it again with a later {@code now}. The default ignores the time.
     */
    default WireRequest encode(Alert alert, java.time.Instant now) {
        return encode(alert);
    }

    /**
     * The destinations that actually receive requests, each with its own lane: a cluster returns one per peer,
     * so that a dead peer neither blocks nor loses deliveries to the others. The default is this destination.
     */
    default java.util.List<Destination> lanes() {
        return java.util.List.of(this);
    }

    /**
     * How often a firing alert is sent again while it fires, for receivers that forget alerts nobody repeats
     * (Alertmanager); {@code null} (the default) sends each event once. Such a receiver holds one state per alert
     * rather than a history of events: when a key has several events queued (an outage), each send carries the
     * newest of them ({@link #reissue(WireRequest, java.time.Instant)}), so that a superseded state is never
     * replayed.
     */
    default java.time.Duration resendInterval() {
        return null;
    }

    /** How long a resolve keeps being re-sent, when {@link #resendInterval()} is set. */
    default java.time.Duration resendResolvedFor() {
        return java.time.Duration.ZERO;
    }

    /** Alerts this destination keeps firing for as long as the client runs, such as a Watchdog. */
    default java.util.List<Alert> standingAlerts() {
        return java.util.List.of();
    }

    /** The request for one change event, or {@code null} if this destination does not take them. */
    WireRequest encode(ChangeEvent event);

    /**
     * The request to send for one that was read back from disk (a spooled event replayed after a restart, a
     * re-queued dead letter), with its headers made again from this destination as it is configured now: the dead
     * letters keep no headers, since they may hold credentials, and stored ones may be stale (a rotated token or
     * signing secret). The URI and body stay as stored. Destinations whose headers carry credentials or a
     * signature override it. The default returns {@code stored} unchanged: with the headers the spool kept for a
     * replayed event, and with no headers at all for a re-queued dead letter, so a destination whose requests need
     * headers (authentication, a signature) must override it.
     */
    default WireRequest reissue(WireRequest stored) {
        return stored;
    }

    /**
     * The request to send now, for one that is about to be sent: called on every attempt (the first, each retry,
     * one read back from disk after {@link #reissue(WireRequest)}), just before it goes out, with the send time.
     * Formats that carry the time of sending make the request again as of {@code now} (Alertmanager's
     * {@code startsAt} and {@code endsAt}), so that a request that waited through an outage, a backoff or a
     * restart never reaches its receiver stale. The default returns {@code request} unchanged.
     *
     * <p>Called on the client's dispatch thread: it must be quick and must not block. A destination that needs an
     * answer from elsewhere first (Alertmanager looking up an alert that a previous run triggered) starts that
     * asynchronously and returns {@code null} meanwhile: the lane then asks again a moment later, without counting
     * a failure, until the event's delivery deadline. If it throws, the request is sent as it was queued, and the
     * failure counts as an internal error ({@code stats().internalErrors()}).
     *
     * @param request the request as encoded or read back (for a destination with a {@link #resendInterval()}:
     *     the newest one queued for the same dedup key, since such a receiver holds one state per alert)
     * @param now the send time, from the client's clock
     * @return the request to send, or {@code null} for "not yet"
     */
    default WireRequest reissue(WireRequest request, java.time.Instant now) {
        return request;
    }

    /**
     * The server's reason for refusing a request, for the log, such as the {@code errors} of a PagerDuty 400.
     * The default returns the body as text.
     *
     * @param status the HTTP status, 4xx
     * @param body the start of the response body, possibly empty or not JSON
     */
    default String describeRefusal(int status, String body) {
        return body;
    }
}
