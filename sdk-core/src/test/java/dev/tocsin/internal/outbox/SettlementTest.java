package dev.tocsin.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.DeliveryResult.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettlementTest {
    /** Holds what it is given until the test runs it. */
    private static final class RecordingExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable t; (t = tasks.poll()) != null; ) {
                t.run();
            }
        }
    }

    private final RecordingExecutor callbacks = new RecordingExecutor();
    private final AtomicInteger done = new AtomicInteger();
    private final CompletableFuture<DeliveryResult> future = new CompletableFuture<>();

    private Settlement settlement(int parts) {
        return new Settlement(future, callbacks, done::incrementAndGet, "disk-full", parts);
    }

    @Test
    void oneDeliveredPartCompletesTheFutureAndRunsOnDone() {
        settlement(1).settle(Status.DELIVERED, null);
        assertThat(future).isCompletedWithValue(new DeliveryResult(Status.DELIVERED, "disk-full", null));
        assertThat(done).hasValue(1);
        assertThat(callbacks.tasks).as("nobody waits on it: completed inline").isEmpty();
    }

    @Test
    void theFutureCompletesOnlyWhenTheLastPartAnswers() {
        Settlement s = settlement(3);
        s.settle(Status.DELIVERED, null);
        s.settle(Status.DELIVERED, null);
        assertThat(future).isNotDone();
        assertThat(done).hasValue(0);
        s.settle(Status.DELIVERED, null);
        assertThat(future).isCompletedWithValue(new DeliveryResult(Status.DELIVERED, "disk-full", null));
        assertThat(done).hasValue(1);
    }

    @Test
    void theFirstOutcomeThatIsNotDeliveredDecidesWithItsReason() {
        Settlement s = settlement(4);
        s.settle(Status.DELIVERED, "ignored");
        s.settle(Status.REJECTED, "400 invalid routing key");
        s.settle(Status.DEAD_LETTERED, "deadline passed");
        s.settle(Status.DELIVERED, null);
        assertThat(future).isCompletedWithValue(
                new DeliveryResult(Status.REJECTED, "disk-full", "400 invalid routing key"));
    }

    @Test
    void aDeliveredPartsReasonIsNotKept() {
        Settlement s = settlement(2);
        s.settle(Status.DELIVERED, "took 3 tries");
        s.settle(Status.DELIVERED, "fine");
        assertThat(future.join().detail()).isNull();
        assertThat(future.join().delivered()).isTrue();
    }

    @Test
    void aLaterFailureAfterDeliveriesStillDecides() {
        Settlement s = settlement(3);
        s.settle(Status.DELIVERED, null);
        s.settle(Status.DELIVERED, null);
        s.settle(Status.DROPPED, "lane buffer full");
        assertThat(future).isCompletedWithValue(new DeliveryResult(Status.DROPPED, "disk-full", "lane buffer full"));
    }

    @Test
    void coalescedIsAnOutcomeOfItsOwn() {
        Settlement s = settlement(1);
        s.settle(Status.COALESCED, "repeat inside the storm window");
        assertThat(future.join()).isEqualTo(
                new DeliveryResult(Status.COALESCED, "disk-full", "repeat inside the storm window"));
        assertThat(future.join().delivered()).isFalse();
    }

    @Test
    void answersPastTheLastPartAreIgnoredAndOnDoneRunsOnce() {
        Settlement s = settlement(2);
        s.settle(Status.DELIVERED, null);
        s.settle(Status.DELIVERED, null);
        s.settle(Status.REJECTED, "late");
        s.settle(Status.DROPPED, "later");
        assertThat(future.join().status()).isEqualTo(Status.DELIVERED);
        assertThat(done).hasValue(1);
    }

    @Test
    void aNullFutureIsAllowedAndOnDoneStillRuns() {
        Settlement s = new Settlement(null, callbacks, done::incrementAndGet, null, 2);
        s.settle(Status.DELIVERED, null);
        assertThat(done).hasValue(0);
        s.settle(Status.DEAD_LETTERED, "deadline");
        assertThat(done).hasValue(1);
        assertThat(callbacks.tasks).isEmpty();
    }

    @Test
    void aFutureWithDependentsIsCompletedThroughTheCallbacksExecutor() {
        List<String> seen = new ArrayList<>();
        future.thenAccept(r -> seen.add(Thread.currentThread().getName() + ":" + r.status()));
        settlement(1).settle(Status.REJECTED, "400");

        assertThat(future).as("not on the settling thread").isNotDone();
        assertThat(seen).isEmpty();
        assertThat(done).as("onDone does not wait for the callback").hasValue(1);
        assertThat(callbacks.tasks).hasSize(1);

        callbacks.runAll();
        assertThat(future).isCompletedWithValue(new DeliveryResult(Status.REJECTED, "disk-full", "400"));
        assertThat(seen).containsExactly(Thread.currentThread().getName() + ":REJECTED");
    }

    @Test
    void aRejectingExecutorMeansTheFutureIsCompletedInline() {
        Executor closed = task -> {
            throw new RejectedExecutionException("shut down");
        };
        List<Status> seen = new ArrayList<>();
        future.thenAccept(r -> seen.add(r.status()));
        new Settlement(future, closed, done::incrementAndGet, "k", 1).settle(Status.ABANDONED, "closing");
        assertThat(future).isCompletedWithValue(new DeliveryResult(Status.ABANDONED, "k", "closing"));
        assertThat(seen).containsExactly(Status.ABANDONED);
        assertThat(done).hasValue(1);
    }

    @Test
    void aFutureTheCallerCompletedFirstKeepsItsValue() {
        future.cancel(false);
        settlement(1).settle(Status.DELIVERED, null);
        assertThat(future).isCancelled();
        assertThat(done).hasValue(1);
    }

    @Test
    void completeWithANullFutureDoesNothing() {
        Executor failing = task -> {
            throw new AssertionError("must not be called");
        };
        Settlement.complete(null, failing, new DeliveryResult(Status.DROPPED, null, "x"));
        DeliveryResult r = new DeliveryResult(Status.DROPPED, null, "queue full");
        Settlement.complete(future, failing, r);
        assertThat(future).as("no dependents: inline").isCompletedWithValue(r);
    }
}
