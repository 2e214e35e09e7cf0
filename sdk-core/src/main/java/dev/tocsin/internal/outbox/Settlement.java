package dev.tocsin.internal.outbox;

import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.DeliveryResult.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Gathers the outcomes of one submission across its destinations and completes the caller's future once, when
 * the last destination has answered. Dispatch thread only, except {@link #complete}, which any thread may call.
 */
public final class Settlement {
    private final CompletableFuture<DeliveryResult> future;
    private final Executor callbacks;
    private final Runnable onDone;
    private final String dedupKey;
    private int remaining;
    private Status status = Status.DELIVERED;
    private String detail;

    public Settlement(CompletableFuture<DeliveryResult> future, Executor callbacks, Runnable onDone, String dedupKey,
            int parts) {
        this.future = future;
        this.callbacks = callbacks;
        this.onDone = onDone;
        this.dedupKey = dedupKey;
        this.remaining = parts;
    }

    /** Completes a future with a final result, off the current thread if anyone waits on it. */
    public static void complete(CompletableFuture<DeliveryResult> future, Executor callbacks, DeliveryResult result) {
        if (future == null) {
            return;
        }
        if (future.getNumberOfDependents() == 0) {
            future.complete(result); // nobody to call back: cheap and safe inline
        } else {
            try {
                callbacks.execute(() -> future.complete(result));
            } catch (RejectedExecutionException e) {
                future.complete(result); // shutting down: complete here rather than never
            }
        }
    }

    /** Records one destination's outcome; the first that is not {@code DELIVERED} decides the result. */
    public void settle(Status outcome, String why) {
        if (remaining <= 0) {
            return;
        }
        if (status == Status.DELIVERED && outcome != Status.DELIVERED) {
            status = outcome;
            detail = why;
        }
        if (--remaining == 0) {
            complete(future, callbacks, new DeliveryResult(status, dedupKey, detail));
            onDone.run();
        }
    }
}
