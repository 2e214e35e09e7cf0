package dev.tocsin.spi;

import dev.tocsin.event.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A destination's re-send policy ({@link Destination#resending()}): how its requests are made again when they are
 * sent again — read back from disk, retried, or repeated for a receiver that forgets alerts nobody repeats. Every
 * method has a default that changes nothing, so a policy overrides only what its receiver needs.
 */
public interface Resending {

    /**
     * The request for an alert as of {@code now}, the client's time when it routes the alert (or re-sends it), for
     * formats that carry the time of sending (Alertmanager's {@code endsAt}). Return {@code null} to leave it to
     * {@link Destination#encode(Alert)}: the default does so for every alert, and so should a policy for an alert
     * its destination does not take (that {@code encode} then says so with its own {@code null}).
     */
    default WireRequest encodeAt(Alert alert, Instant now) {
        return null;
    }

    /**
     * The request to send for one that was read back from disk (a spooled event replayed after a restart, a
     * re-queued dead letter), with its headers made again from the destination as it is configured now: the dead
     * letters keep no headers, since they may hold credentials, and stored ones may be stale (a rotated token or
     * signing secret). The URI and body stay as stored. The default returns {@code stored} unchanged.
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
     * @param request the request as encoded or read back (with a {@link #resendInterval()}: the newest one queued
     *     for the same dedup key, since such a receiver holds one state per alert)
     * @param now the send time, from the client's clock
     * @return the request to send, or {@code null} for "not yet"
     */
    default WireRequest reissue(WireRequest request, Instant now) {
        return request;
    }

    /**
     * How often a firing alert is sent again while it fires, for receivers that forget alerts nobody repeats
     * (Alertmanager); {@code null} (the default) sends each event once. Such a receiver holds one state per alert
     * rather than a history of events: when a key has several events queued (an outage), each send carries the
     * newest of them, so that a superseded state is never replayed.
     */
    default Duration resendInterval() {
        return null;
    }

    /** How long a resolve keeps being re-sent, when {@link #resendInterval()} is set. */
    default Duration resendResolvedFor() {
        return Duration.ZERO;
    }

    /** Alerts the destination keeps firing for as long as the client runs, such as a Watchdog. */
    default List<Alert> standingAlerts() {
        return List.of();
    }
}
