package dev.tocsin;

import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.spi.TocsinStats;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The client of a disabled SDK ({@link Tocsin#noop()}): costs nothing, sends nothing. */
enum NoOpTocsin implements Tocsin {
    INSTANCE;

    private static final CompletionStage<DeliveryResult> DROPPED = CompletableFuture.completedStage(
            new DeliveryResult(DeliveryResult.Status.DROPPED, null, "tocsin is disabled"));

    @Override
    public CompletionStage<DeliveryResult> trigger(Alert alert) {
        return DROPPED;
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(String summary, Severity severity) {
        return DROPPED;
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(Alert alert, Throwable error) {
        return DROPPED;
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(String summary, Throwable error) {
        return DROPPED;
    }

    @Override
    public CompletionStage<DeliveryResult> acknowledge(String dedupKey) {
        return DROPPED;
    }

    @Override
    public CompletionStage<DeliveryResult> resolve(String dedupKey) {
        return DROPPED;
    }

    @Override
    public boolean offer(PendingAlert alert) {
        return false;
    }

    @Override
    public CompletionStage<DeliveryResult> change(ChangeEvent event) {
        return DROPPED;
    }

    @Override
    public boolean flush(Duration timeout) {
        return true;
    }

    @Override
    public boolean persist(Duration timeout) {
        return true;
    }

    @Override
    public TocsinStats stats() {
        return new TocsinStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0);
    }

    @Override
    public void close() {
    }
}
