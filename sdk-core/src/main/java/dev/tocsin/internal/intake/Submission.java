package dev.tocsin.internal.intake;

import dev.tocsin.event.DeliveryResult;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One event as the caller handed it over: the alert, pending alert or change event, the exception to
 * fingerprint (read on
 * the dispatch thread, never the caller's), and the future that carries its outcome. {@code acceptedAt} is
 * {@code null} for pending alerts, which are stamped when the dispatch thread takes them. {@code rank} says
 * what to shed first when the intake queue is full ({@link Rank}); {@link Rank#SHED} marks one that was shed.
 */
public record Submission(Object event, Throwable error, Instant acceptedAt, long bytes,
        CompletableFuture<DeliveryResult> result, int rank) {

    /** This submission, marked as given up for a more severe one. */
    Submission shed() {
        return new Submission(event, error, acceptedAt, bytes, result, Rank.SHED);
    }

    public boolean wasShed() {
        return rank == Rank.SHED;
    }
}
