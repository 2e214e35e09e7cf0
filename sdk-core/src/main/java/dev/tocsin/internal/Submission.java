package dev.tocsin.internal;

import dev.tocsin.DeliveryResult;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One event as the caller handed it over: the alert, pending alert or change event, the exception to
 * fingerprint (read on
 * the dispatch thread, never the caller's), and the future that carries its outcome. {@code acceptedAt} is
 * {@code null} for pending alerts, which are stamped when the dispatch thread takes them.
 */
record Submission(Object event, Throwable error, Instant acceptedAt, long bytes,
        CompletableFuture<DeliveryResult> result) {
}
