package dev.tocsin.spi;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Hears what the client does with events, for metrics. Every method has a no-op default, so an
 * implementation overrides only what it counts.
 *
 * <p>Methods are called on the client's own threads (mostly {@code tocsin-dispatch}, {@link #dropped} also
 * on callers' threads; {@link #started} on the thread that calls {@code build()}). They must be quick and must
 * not block; an exception they throw is caught and logged.
 * {@code lane} is a destination's {@link Destination#name()}, which never holds a secret.
 */
public interface TocsinListener {

    /**
     * Called once when the client is built, with a view of its {@code stats()} that gauges may read at any time
     * (each call takes a fresh snapshot).
     */
    default void started(Supplier<TocsinStats> stats) {
    }

    /** An event was taken into the intake queue. */
    default void accepted() {
    }

    /** An event was not taken: the queue or a lane's buffer was full, or the client was closed. */
    default void dropped(String reason) {
    }

    /** A repeat trigger was folded into its storm window instead of being sent. */
    default void coalesced() {
    }

    /**
     * A trigger was suppressed on purpose; {@code reason} is {@code rule} or {@code maintenance} (never a rule's or
     * window's name, so that tags stay few).
     */
    default void suppressed(String reason) {
    }

    /** A trigger was folded into the flood summary of a lane. */
    default void folded(String lane) {
    }

    /** A rule could not be evaluated for an event (it then counts as not matching). */
    default void ruleFailed() {
    }

    /** A destination answered with success, {@code latency} after the event was accepted. */
    default void delivered(String lane, Duration latency) {
    }

    /** A send failed in a way that may heal, and will be tried again. */
    default void retried(String lane) {
    }

    /** A destination refused an event for good (4xx). */
    default void rejected(String lane) {
    }

    /** An event passed its delivery deadline undelivered, or its lane stopped. */
    default void deadLettered(String lane) {
    }

    /**
     * The SDK failed while processing an event or running its dispatch loop (a bug, or an {@link Error} from a
     * dependency). The event, if there was one, was settled as dropped; delivery of the others goes on.
     */
    default void internalError() {
    }

    /** The dispatch thread ended unexpectedly and was started again. */
    default void dispatcherRestarted() {
    }

    /** A lane's circuit breaker changed state: {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}. */
    default void breakerStateChanged(String lane, String state) {
    }
}
