package dev.tocsin.spi;

import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;

/**
 * Where events go, and how they look on the wire there. The client owns everything else: queueing, order,
 * retries, circuit breaking, rate limiting; a destination only encodes events and explains refusals.
 *
 * <p>Implementations must be immutable and thread-safe; the client calls them from its own threads only. A
 * cluster whose every peer takes the same events is not one destination but {@link Peers}, one lane each.
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

    /** The request for one change event, or {@code null} if this destination does not take them. */
    WireRequest encode(ChangeEvent event);

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

    /**
     * How this destination's requests are made again, or {@code null} (the default): each request is sent as it
     * was encoded, and an event is sent once. A destination whose requests carry credentials, a signature or the
     * send time, or whose receiver forgets alerts nobody repeats, returns its policy here.
     */
    default Resending resending() {
        return null;
    }
}
