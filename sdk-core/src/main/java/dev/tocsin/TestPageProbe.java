package dev.tocsin;

import dev.tocsin.TestPage.Outcome;
import dev.tocsin.TestPage.Result;
import dev.tocsin.TestPage.Step;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.internal.text.Throwables;
import dev.tocsin.spi.Destination;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One destination's part of a {@link TestPage}: a client of its own, so that its outcome is its own, with every wait
 * cut to fit the step's timeout. The step's timeout is the client's delivery deadline, so a destination that keeps
 * failing is given up when it is up, and the last failure says why; requests and connections time out at a third
 * of it, so at least one attempt has ended by then. Not thread-safe: {@link #start} once, then {@link #close}.
 */
final class TestPageProbe {
    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(500);

    private final Destination destination;
    private final Duration timeout;
    private final long waitMillis;
    private Tocsin client;

    TestPageProbe(Destination destination, Duration timeout) {
        this.destination = destination;
        this.timeout = timeout;
        Duration attempt = atLeast(timeout.dividedBy(3), Duration.ofMillis(1));
        // The deadline, the longest an in-flight attempt can still take after it (twice the request timeout, as the
        // transport bounds it), and a margin for the dispatcher to notice: past that something is wrong, not slow.
        this.waitMillis = timeout.plus(attempt.multipliedBy(2)).plusSeconds(1).toMillis();
    }

    /** Starts the trigger; the result completes once the resolve has an outcome too, or is skipped. */
    CompletableFuture<Result> start(Alert trigger) {
        String name = name();
        try {
            client = open();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Result(name,
                    new Step(Outcome.FAILED, "could not start a client: " + Throwables.summary(e)), skipped()));
        }
        return step(() -> client.trigger(trigger)).thenCompose(t -> t.accepted()
                ? step(() -> client.resolve(trigger.dedupKey())).thenApply(r -> new Result(name, t, r))
                : CompletableFuture.completedFuture(new Result(name, t, skipped())));
    }

    void close() {
        if (client != null) {
            client.close();
        }
    }

    private Tocsin open() {
        Duration attempt = atLeast(timeout.dividedBy(3), Duration.ofMillis(1));
        Duration backoffMax = atLeast(min(timeout.dividedBy(4), Duration.ofSeconds(1)), Duration.ofMillis(1));
        Duration backoffInitial = min(Duration.ofMillis(100), backoffMax);
        return Tocsin.builder().destination(destination)
                .deliveryDeadline(timeout)
                .connectTimeout(attempt).requestTimeout(attempt)
                .backoff(backoffInitial, backoffMax).throttleBackoff(backoffMax)
                .shutdownTimeout(CLOSE_TIMEOUT).closeOnExit(false)
                .build();
    }

    private CompletableFuture<Step> step(Supplier<CompletionStage<DeliveryResult>> send) {
        return send.get().toCompletableFuture().orTimeout(waitMillis, TimeUnit.MILLISECONDS)
                .handle((result, failure) -> failure == null ? TestPageOutcomes.of(result, timeout)
                        : TestPageOutcomes.of(failure, timeout));
    }

    private String name() {
        try {
            String name = destination.name();
            return name == null || name.isBlank() ? destination.getClass().getSimpleName() : name;
        } catch (RuntimeException e) {
            return destination.getClass().getSimpleName();
        }
    }

    private static Step skipped() {
        return new Step(Outcome.SKIPPED, "not sent, since the trigger was not accepted");
    }

    private static Duration atLeast(Duration d, Duration floor) {
        return d.compareTo(floor) < 0 ? floor : d;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
