package dev.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.expr.EventFields;
import dev.tocsin.internal.expr.Expression;
import dev.tocsin.testing.Hostile;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.Seeds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated hostile input for the rules (seeds in {@link Seeds}): arbitrary text as conditions, templates and rule
 * fields is either accepted or refused with an {@link IllegalArgumentException}, never anything else; and a client
 * with rules over every field meets hostile events (cyclic details, exceptions whose accessors throw, strange
 * strings) without losing delivery: each trigger settles, and a critical sent next is delivered.
 */
class HostileRulesPropertiesTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox().allowInvalidRequests();

    /** Pieces of the language, so that generated text is often nearly valid. */
    private static final String[] PIECES = {"summary", "severity", "details.", "mdc.", "exception", "key", " == ",
        " != ", " contains ", " matches ", " in ", " exists", " > ", " <= ", " and ", " or ", "not ", "(", ")", ",",
        "'", "\"", "\\", "all(", "any(", "true", "{", "}", "{summary}", "{details.x}", "*", "(a+)+", "[", "$", "\u0000",
        "\uD800", "é", "🙂", "\n", "  "};

    static Stream<Arguments> arbitraryText() {
        return Seeds.cases("rules:arbitraryText", 400);
    }

    static Stream<Arguments> hostileEvents() {
        return Seeds.batches("rules:hostileEvents");
    }

    private static String text(Random r, Hostile h) {
        if (r.nextInt(4) == 0) {
            return h.string();
        }
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.append(r.nextInt(5) == 0 ? h.string() : PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    @ParameterizedTest
    @MethodSource
    void arbitraryText(long seed) {
        Random r = new Random(seed);
        Hostile h = new Hostile(seed);
        String when = text(r, h);
        Throwable parsed = catchThrowable(() -> Condition.of(when));
        assertThat(parsed).as("Condition.of(%s)", when).satisfiesAnyOf(
                t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(IllegalArgumentException.class));
        if (parsed == null) { // what parses, prints back to itself, and evaluates on a hostile event without throwing
            Condition c = Condition.of(when);
            assertThat(Condition.of(c.toString())).isEqualTo(c);
            EventFields event = new EventFields(h.alert().build(), h.throwable(), Map.of("k", h.string()));
            Throwable evaluated = catchThrowable(() -> Expression.parse(c.toString()).test(event));
            assertThat(evaluated).satisfiesAnyOf(t -> assertThat(t).isNull(),
                    t -> assertThat(t).isInstanceOf(dev.tocsin.internal.expr.BoundedRegex.OutOfBudget.class));
        }
        RuleSpec spec = new RuleSpec();
        spec.setName(r.nextBoolean() ? text(r, h) : "r");
        spec.setWhen(r.nextBoolean() ? when : null);
        spec.setSuppress(r.nextInt(3) == 0 ? text(r, h) : null);
        spec.setSeverity(r.nextInt(3) == 0 ? text(r, h) : null);
        spec.setRoute(r.nextInt(3) == 0 ? text(r, h) : null);
        spec.setLink(r.nextInt(3) == 0 ? "https://x/" + text(r, h) : null);
        spec.setNote(r.nextInt(3) == 0 ? text(r, h) : null);
        spec.setDedupKey(r.nextInt(3) == 0 ? text(r, h) : null);
        spec.setDropDetails(r.nextInt(3) == 0 ? text(r, h) : null);
        spec.setStop(r.nextInt(3) == 0 ? text(r, h) : null);
        Throwable built = catchThrowable(() -> spec.toRule(1));
        assertThat(built).as("%s", spec).satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(InvalidRuleException.class).hasMessageStartingWith("tocsin: "));
    }

    @ParameterizedTest
    @MethodSource
    void hostileEvents(long[] seeds) throws Exception {
        Tocsin tocsin = api.track(api.builder().rules(List.of(
                Rule.named("by-exception").when("exception matches 'Misbehaving|IllegalState' or class exists")
                        .note("seen {exception} in {component}").build(),
                Rule.named("by-details").when("details.x exists or details.nested.y > 3 or mdc.k contains a")
                        .dedupKey("{key}-{details.x}").link("https://runbooks.example.com/{summary}/{details.x}", "R")
                        .build(),
                Rule.named("drop").when("summary matches '(a|aa)+$' or source in ('x', 'y')").dropDetails("*x", "a*")
                        .severity(Severity.WARNING).build(),
                Rule.named("quiet").when("severity == info").suppressUnlessMoreThan(3, Duration.ofMinutes(1)).build()))
                .build());
        for (long seed : seeds) {
            Hostile h = new Hostile(seed);
            // The queue gives back an event's room after its batch, a moment after its stage completes: wait for it,
            // so that a huge event is not refused for the one before (that is the intake's bound, not the rules').
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> tocsin.stats().queueDepth() == 0);
            DeliveryResult r = tocsin.trigger(h.alert().build(), h.throwable()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            if (r.status() == Status.DROPPED) {
                // The intake queue's own bound: a huge event offered while the one before still holds its room.
                assertThat(r.detail()).as("seed %s", Seeds.hex(seed)).contains("queue");
                continue;
            }
            assertThat(r.status()).as("seed %s: %s: %s", Seeds.hex(seed), h.trail(), r.detail()).isIn(Status.DELIVERED,
                    Status.COALESCED, Status.SUPPRESSED, Status.REJECTED);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> tocsin.stats().queueDepth() == 0);
        DeliveryResult critical = tocsin.trigger(Alert.trigger("after the hostile batch").dedupKey("after")
                .severity(Severity.CRITICAL).build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(critical.status()).isEqualTo(Status.DELIVERED);
        assertThat(tocsin.stats().internalErrors()).isZero();
    }
}
