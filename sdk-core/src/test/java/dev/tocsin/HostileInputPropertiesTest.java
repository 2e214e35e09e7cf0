package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.Hostile;
import dev.tocsin.testing.HostileThrowables;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.Seeds;
import dev.tocsin.testing.WireChecks;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the sending methods under generated hostile input (see {@link Hostile}; seeds in
 * {@link Seeds}): the call returns, its stage completes, every request keeps PagerDuty's contract and carries
 * no generated secret, and a critical alert sent next on the same client is delivered. One client per batch.
 */
class HostileInputPropertiesTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static final long SETTLE_SECONDS = 5;
    private static final Set<Status> TRIGGERED = EnumSet.of(Status.DELIVERED, Status.COALESCED);
    private static final Set<Status> KEYED = EnumSet.of(Status.DELIVERED, Status.REJECTED);

    static Stream<Arguments> triggerAlert() {
        return Seeds.batches("triggerAlert");
    }

    static Stream<Arguments> triggerAlertWithError() {
        return Seeds.batches("triggerAlertWithError");
    }

    static Stream<Arguments> triggerSummaryWithError() {
        return Seeds.batches("triggerSummaryWithError");
    }

    static Stream<Arguments> acknowledgeOrResolve() {
        return Seeds.batches("acknowledgeOrResolve");
    }

    static Stream<Arguments> change() {
        return Seeds.batches("change");
    }

    @ParameterizedTest
    @MethodSource
    void triggerAlert(long[] seeds) {
        holds("triggerAlert", seeds, TRIGGERED, (gen, tocsin) -> tocsin.trigger(gen.alert().build()));
    }

    @ParameterizedTest
    @MethodSource
    void triggerAlertWithError(long[] seeds) {
        holds("triggerAlertWithError", seeds, TRIGGERED,
                (gen, tocsin) -> tocsin.trigger(gen.alert().build(), gen.throwable()));
    }

    @ParameterizedTest
    @MethodSource
    void triggerSummaryWithError(long[] seeds) {
        holds("triggerSummaryWithError", seeds, TRIGGERED,
                (gen, tocsin) -> tocsin.trigger(gen.string(), gen.throwable()));
    }

    @ParameterizedTest
    @MethodSource
    void acknowledgeOrResolve(long[] seeds) {
        holds("acknowledgeOrResolve", seeds, KEYED, (gen, tocsin) -> gen.severity() == null
                ? tocsin.acknowledge(gen.dedupKey()) : tocsin.resolve(gen.dedupKey()));
    }

    @ParameterizedTest
    @MethodSource
    void change(long[] seeds) {
        holds("change", seeds, EnumSet.of(Status.DELIVERED), (gen, tocsin) -> tocsin.change(gen.change()));
    }

    interface Send {
        CompletionStage<DeliveryResult> send(Hostile gen, Tocsin tocsin);
    }

    private void holds(String property, long[] seeds, Set<Status> allowed, Send send) {
        Seeds.skipIfFalsified(property);
        Tocsin tocsin = api.client();
        try {
            for (long seed : seeds) {
                Hostile gen = new Hostile(seed);
                DeliveryResult result = settle(gen, "the hostile event", () -> send.send(gen, tocsin));
                assertThat(result.status()).as("%s: outcome (%s)", gen.trail(), result.detail()).isIn(allowed);
                DeliveryResult canary = settle(gen, "the critical alert sent after it", () -> tocsin.trigger(
                        Alert.trigger("canary").severity(Severity.CRITICAL).dedupKey("canary-" + seed).build()));
                assertThat(canary.status()).as("%s: the critical alert after it (%s)", gen.trail(), canary.detail())
                        .isEqualTo(Status.DELIVERED);
                checkRequests(gen.trail());
            }
        } catch (RuntimeException | AssertionError e) {
            Seeds.falsified(property);
            throw e;
        }
    }

    /** Calls, then waits for the stage: both must end in time, and the call must not throw. */
    static DeliveryResult settle(Hostile gen, String what, java.util.function.Supplier<CompletionStage<DeliveryResult>> call) {
        CompletionStage<DeliveryResult> stage;
        try {
            stage = call.get();
        } catch (Throwable t) {
            throw failure(gen.trail() + ": sending " + what + " threw " + t.getClass().getName(), t);
        }
        assertThat(stage).as("%s: stage of %s", gen.trail(), what).isNotNull();
        try {
            return stage.toCompletableFuture().get(SETTLE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(gen.trail() + ": the stage of " + what + " did not complete in "
                    + SETTLE_SECONDS + " s (is tocsin-dispatch dead?)");
        } catch (Exception e) {
            throw failure(gen.trail() + ": the stage of " + what + " failed", e);
        }
    }

    /** An assertion failure keeping the cause only when printing it is safe. */
    static AssertionError failure(String message, Throwable cause) {
        boolean printable = !(cause instanceof HostileThrowables.Misbehaving) && !(cause instanceof StackOverflowError);
        return printable ? new AssertionError(message, cause) : new AssertionError(message);
    }

    /** Checks the requests of this case, then forgets them so the next case checks only its own. */
    private void checkRequests(String context) {
        for (dev.tocsin.testkit.ReceivedRequest r : api.requests()) {
            if (r.method().equals("POST")) {
                WireChecks.assertSound(r.path(), r.body(), context);
            }
        }
        api.forgetRequests();
    }

}
