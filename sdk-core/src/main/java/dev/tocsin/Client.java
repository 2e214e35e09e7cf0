package dev.tocsin;

import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.Engine;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.spi.TocsinStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The client {@link Tocsin.Builder#build()} returns: the public face of the engine's {@link Engine}. */
final class Client implements Tocsin {
    private final Engine engine;

    Client(Engine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(Alert alert) {
        return engine.trigger(alert, null);
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(String summary, Severity severity) {
        return engine.trigger(Alert.trigger(summary).severity(severity).build(), null);
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(Alert alert, Throwable error) {
        return engine.trigger(alert, error);
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(String summary, Throwable error) {
        return engine.trigger(Alert.trigger(summary).severity(Severity.ERROR).build(), error);
    }

    @Override
    public CompletionStage<DeliveryResult> acknowledge(String dedupKey) {
        return engine.acknowledge(dedupKey);
    }

    @Override
    public CompletionStage<DeliveryResult> resolve(String dedupKey) {
        return engine.resolve(dedupKey);
    }

    @Override
    public boolean offer(PendingAlert alert) {
        return engine.offer(alert);
    }

    @Override
    public CompletionStage<DeliveryResult> change(ChangeEvent event) {
        return engine.change(event);
    }

    @Override
    public boolean flush(Duration timeout) {
        return engine.flush(timeout);
    }

    @Override
    public boolean persist(Duration timeout) {
        return engine.persist(timeout);
    }

    @Override
    public TocsinStats stats() {
        return engine.stats();
    }

    @Override
    public dev.tocsin.rules.MaintenanceWindow maintenance(String name, Duration length,
            dev.tocsin.rules.Condition matcher) {
        return engine.maintenance(name, length, matcher);
    }

    @Override
    public List<dev.tocsin.rules.MaintenanceWindow> maintenanceWindows() {
        return engine.maintenanceWindows();
    }

    @Override
    public List<String> destinationNames() {
        return engine.laneNames();
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return engine.toString();
    }
}
