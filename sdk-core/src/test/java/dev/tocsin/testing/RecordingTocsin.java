package dev.tocsin.testing;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.spi.TocsinStats;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Tocsin} that sends nothing and records every call made to it, in order, for tests of integrations
 * (an appender, a health check, a relay). Each sending call completes at once with {@link #answering the result
 * set}, {@code DELIVERED} at first; {@link #offer} returns {@code true}; {@link #flush} and {@link #persist} return
 * {@code true} at once. A pending alert is recorded as offered, not built. Thread-safe.
 */
public final class RecordingTocsin implements Tocsin {

    /** What was called. */
    public enum Kind {
        TRIGGER, ACKNOWLEDGE, RESOLVE, CHANGE, OFFER
    }

    /**
     * One call.
     *
     * @param kind what was called
     * @param alert the alert of a trigger, built from the summary and severity for the forms that take those;
     *     {@code null} for the other calls
     * @param error the exception a trigger was given; {@code null} if none
     * @param dedupKey the key of an acknowledge or resolve, or the alert's key of a trigger (may be {@code null})
     * @param change the change event of a change
     * @param pending the pending alert of an offer, as offered
     */
    public record Call(Kind kind, Alert alert, Throwable error, String dedupKey, ChangeEvent change,
            PendingAlert pending) {

        /** {@code "trigger <key>"}, {@code "resolve <key>"}, {@code "change <summary>"}, {@code "offer"}... */
        @Override
        public String toString() {
            String what = kind.name().toLowerCase(java.util.Locale.ROOT);
            return switch (kind) {
                case TRIGGER, ACKNOWLEDGE, RESOLVE -> what + " " + dedupKey;
                case CHANGE -> what + " " + (change == null ? null : change.summary());
                case OFFER -> what;
            };
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile DeliveryResult result = new DeliveryResult(DeliveryResult.Status.DELIVERED, null, null);
    private volatile boolean closed;

    /** Completes every later sending call with {@code result}. */
    public RecordingTocsin answering(DeliveryResult result) {
        this.result = Objects.requireNonNull(result, "result");
        return this;
    }

    /** Every call recorded, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls recorded, each as its {@link Call#toString()}: {@code ["trigger db", "resolve db"]}. */
    public List<String> events() {
        return calls.stream().map(Call::toString).toList();
    }

    /** The calls of one kind, in order. */
    public List<Call> calls(Kind kind) {
        return calls.stream().filter(c -> c.kind() == kind).toList();
    }

    /** The alerts triggered, in order (offers left out: they are not built). */
    public List<Alert> triggered() {
        return calls(Kind.TRIGGER).stream().map(Call::alert).toList();
    }

    /** Forgets the calls recorded so far. */
    public void clear() {
        calls.clear();
    }

    /** Whether {@link #close()} was called. */
    public boolean closed() {
        return closed;
    }

    private CompletionStage<DeliveryResult> record(Call call) {
        calls.add(call);
        return CompletableFuture.completedStage(result);
    }

    private CompletionStage<DeliveryResult> triggered(Alert alert, Throwable error) {
        return record(new Call(Kind.TRIGGER, alert, error, alert == null ? null : alert.dedupKey(), null, null));
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(Alert alert) {
        return triggered(alert, null);
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(String summary, Severity severity) {
        return triggered(Alert.trigger(summary).severity(severity).build(), null);
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(Alert alert, Throwable error) {
        return triggered(alert, error);
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(String summary, Throwable error) {
        return triggered(Alert.trigger(summary).severity(Severity.ERROR).build(), error);
    }

    @Override
    public CompletionStage<DeliveryResult> acknowledge(String dedupKey) {
        return record(new Call(Kind.ACKNOWLEDGE, null, null, dedupKey, null, null));
    }

    @Override
    public CompletionStage<DeliveryResult> resolve(String dedupKey) {
        return record(new Call(Kind.RESOLVE, null, null, dedupKey, null, null));
    }

    @Override
    public boolean offer(PendingAlert alert) {
        calls.add(new Call(Kind.OFFER, null, null, null, null, alert));
        return true;
    }

    @Override
    public CompletionStage<DeliveryResult> change(ChangeEvent event) {
        return record(new Call(Kind.CHANGE, null, null, null, event, null));
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
        return Tocsin.noop().stats();
    }

    @Override
    public void close() {
        closed = true;
    }
}
