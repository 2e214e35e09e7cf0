package dev.tocsin.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.EngineDrafts;
import dev.tocsin.LogCapture;
import dev.tocsin.internal.config.Settings;
import dev.tocsin.internal.intake.Rank;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.report.RateLimitedLog;
import dev.tocsin.internal.resilience.Backoff;
import dev.tocsin.internal.resilience.RateLimit;
import dev.tocsin.internal.resilience.Resilience;
import dev.tocsin.internal.transport.HttpTransport;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.WireRequest;
import dev.tocsin.testing.MutableClock;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * A lane with the default settings through an outage and its end, on the test's clock: the dispatcher is played by
 * a loop that offers the lane a send every 5 ms and answers at once, so every instant below is exact. While the
 * destination is down the lane probes at most once every 2 s; when it is back, the first delivery comes within 5 s
 * and a backlog of 50 within 10 s; Retry-After and the 429 floor still hold it back.
 */
class LaneRecoveryTest {
    private static final Duration STEP = Duration.ofMillis(5);
    private static final int BACKLOG = 50;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Instant start = clock.instant();
    private final Lane lane = defaultLane();
    /** When each send started, and when each delivery was answered 2xx. */
    private final List<Instant> sends = new ArrayList<>();
    private final List<Instant> delivered = new ArrayList<>();

    /** Times the destination is still to say it is not ready to send (its send-time reissue returns null). */
    private int notReady;

    private Lane defaultLane() {
        Settings s = settings();
        Destination pagerDuty = s.destinations().get(0);
        Destination destination = new Destination() {
            @Override
            public String name() {
                return pagerDuty.name();
            }

            @Override
            public String laneKey() {
                return pagerDuty.laneKey();
            }

            @Override
            public WireRequest encode(dev.tocsin.event.Alert alert) {
                return pagerDuty.encode(alert);
            }

            @Override
            public WireRequest encode(dev.tocsin.event.ChangeEvent event) {
                return pagerDuty.encode(event);
            }

            @Override
            public dev.tocsin.spi.Resending resending() {
                return new dev.tocsin.spi.Resending() {
                    @Override
                    public WireRequest reissue(WireRequest request, Instant now) {
                        return notReady-- > 0 ? null : request;
                    }
                };
            }
        };
        RateLimiterConfig pace = RateLimiterConfig.custom().limitForPeriod(1)
                .limitRefreshPeriod(s.ratePeriod().dividedBy(s.ratePermits())).timeoutDuration(Duration.ZERO).build();
        Resilience resilience = Resilience.onClassPath();
        Random random = new Random(12);
        return new Lane(destination, s.bufferCapacity(), resilience.breaker("test", s.breaker(), clock),
                new RateLimit(resilience.limiter("test", pace, clock), s.ratePermits(), s.ratePeriod()),
                new Backoff(s.backoffInitial(), s.backoffMax(), random::nextDouble), s.throttleFloor(),
                new Counters(List.of()), new RateLimitedLog(LoggerFactory.getLogger(getClass()), clock,
                        Duration.ofSeconds(30)), Persistence.memory(clock), clock);
    }

    private Settings settings() {
        Settings.Draft draft = EngineDrafts.withDefaults(); // the defaults, but the clock
        draft.destinations.add(PagerDutyDestination.builder().routingKey("R0ut1ngKeyForTestsOnly0000000abc")
                .endpoint("http://127.0.0.1:9/v2/enqueue").build());
        draft.clock = clock;
        draft.source = "test-host";
        return draft.check();
    }

    private void queue(int events) {
        for (int i = 0; i < events; i++) {
            WireRequest request = new WireRequest(URI.create("http://127.0.0.1:9/v2/enqueue"),
                    ("event " + i).getBytes(StandardCharsets.UTF_8), Map.of());
            lane.offer(new Delivery(request, "trigger k" + i, "k" + i, Rank.ERROR, clock.instant(),
                    clock.instant().plus(Duration.ofHours(1)), new Settlement(null, Runnable::run, () -> { }, "k" + i,
                    1), -1));
        }
    }

    /** A destination's answer to a send at an instant: an answer, or a failure to connect ({@code null}). */
    private void run(Duration length, Function<Instant, HttpTransport.Answer> server) {
        Instant end = clock.instant().plus(length);
        while (clock.instant().isBefore(end)) {
            Instant now = clock.instant();
            for (Delivery d; (d = lane.next(now)) != null; ) {
                sends.add(now);
                HttpTransport.Answer answer = server.apply(now);
                lane.answered(answer, answer == null ? new ConnectException("Connection refused") : null, now);
                if (answer != null && answer.status() / 100 == 2) {
                    delivered.add(now);
                }
            }
            clock.advance(STEP);
        }
    }

    private static HttpTransport.Answer status(int code, String retryAfter) {
        return new HttpTransport.Answer(code, retryAfter, "{}");
    }

    enum Outage {
        CONNECTION_REFUSED(t -> null),
        HTTP_500(t -> status(500, null)),
        HTTP_503(t -> status(503, null));

        final Function<Instant, HttpTransport.Answer> answer;

        Outage(Function<Instant, HttpTransport.Answer> answer) {
            this.answer = answer;
        }
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void aDestinationThatStaysDownIsProbedAtMostOnceEveryTwoSeconds(Outage outage) {
        queue(BACKLOG);
        run(Duration.ofMinutes(10), outage.answer);

        assertThat(delivered).isEmpty();
        List<Duration> gaps = gaps(sends);
        assertThat(gaps.subList(2, gaps.size())).as("probe gaps once the backoff reached its cap")
                .allMatch(g -> g.compareTo(Duration.ofSeconds(2)) >= 0 && g.compareTo(Duration.ofMillis(4_300)) <= 0);
        assertThat(sends).hasSizeBetween(600 / 4, 600 / 2 + 2);
        assertThat(lane.breakerOpen()).as("the breaker tells the outage").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void whenTheDestinationIsBackTheBacklogGoesAtOnce(Outage outage) {
        queue(BACKLOG);
        run(Duration.ofSeconds(60), outage.answer);
        Instant back = clock.instant();

        run(Duration.ofSeconds(30), t -> status(202, null));

        assertThat(delivered).hasSize(BACKLOG);
        assertThat(Duration.between(back, delivered.get(0))).as("first delivery after recovery")
                .isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(Duration.between(back, delivered.get(BACKLOG - 1))).as("backlog drained after recovery")
                .isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(lane.breakerOpen()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 10, 15, 30, 60})
    void onceTheFirstDeliveryIsThroughTheBacklogFollowsAtOnceWhateverTheOutagesLength(int seconds) {
        queue(BACKLOG);
        run(Duration.ofSeconds(seconds), t -> null);

        run(Duration.ofSeconds(30), t -> status(202, null));

        assertThat(delivered).hasSize(BACKLOG);
        assertThat(delivered.get(BACKLOG - 1)).as("the outage's failures did not open the breaker under the backlog")
                .isEqualTo(delivered.get(0));
    }

    @Test
    void whenTheDestinationIsBackAfterAnHourTheFirstDeliveryStillComesWithinFiveSeconds() {
        queue(BACKLOG);
        run(Duration.ofMinutes(59), t -> null);
        Instant back = clock.instant();

        run(Duration.ofSeconds(30), t -> status(202, null));

        assertThat(delivered).hasSize(BACKLOG);
        assertThat(Duration.between(back, delivered.get(0))).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(Duration.between(back, delivered.get(BACKLOG - 1))).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aServerThatSaysRetryAfterSixtyIsNotProbedSooner() {
        queue(BACKLOG);
        run(Duration.ofSeconds(20), t -> status(503, "60")); // answered at once, then 60 s of silence

        assertThat(sends).hasSize(1);
        run(Duration.ofSeconds(40).plus(STEP), t -> status(202, null));

        assertThat(sends.get(1)).isEqualTo(start.plus(Duration.ofSeconds(60)));
        assertThat(delivered).hasSize(BACKLOG);
    }

    @Test
    void aThrottledLaneWithoutRetryAfterWaitsTheThrottleFloor() {
        queue(BACKLOG);
        run(Duration.ofSeconds(29), t -> status(429, null));

        assertThat(sends).hasSize(1);
        run(Duration.ofSeconds(31), t -> status(202, null));

        assertThat(Duration.between(sends.get(0), sends.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(delivered).hasSize(BACKLOG);
    }

    @Test
    void aBacklogLargerThanTheBurstFlowsOnWithoutAStallAndWithinTheLimit() {
        queue(300);
        run(Duration.ofMinutes(3), t -> status(202, null));

        assertThat(delivered).hasSize(300);
        assertThat(gaps(delivered)).allMatch(g -> g.compareTo(Duration.ofSeconds(1)) <= 0);
        for (int i = 120; i < delivered.size(); i++) {
            assertThat(Duration.between(delivered.get(i - 120), delivered.get(i))).isGreaterThanOrEqualTo(
                    Duration.ofMinutes(1));
        }
    }

    @Test
    void aDestinationThatIsNotReadyForAWhileDoesNotUseUpTheRateLimit() {
        notReady = 400; // 20 s of asking again every 50 ms
        queue(BACKLOG);
        run(Duration.ofSeconds(30), t -> status(202, null));

        assertThat(sends).as("nothing was sent while it was not ready").hasSize(BACKLOG);
        assertThat(delivered.get(BACKLOG - 1)).as("the burst is whole").isEqualTo(delivered.get(0));
    }

    @Test
    void theBreakerLogsWhenItOpensAndWhenItClosesNotEachProbe() {
        try (LogCapture logs = new LogCapture()) {
            queue(BACKLOG);
            run(Duration.ofMinutes(10), t -> null);
            run(Duration.ofSeconds(10), t -> status(202, null));

            assertThat(logs.lines().stream().filter(l -> l.contains("circuit breaker")).toList())
                    .containsExactly("INFO tocsin: circuit breaker of pagerduty(…0abc) is now OPEN",
                            "INFO tocsin: circuit breaker of pagerduty(…0abc) is now CLOSED");
        }
        assertThat(delivered).hasSize(BACKLOG);
    }

    private static List<Duration> gaps(List<Instant> times) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(Duration.between(times.get(i - 1), times.get(i)));
        }
        return gaps;
    }
}
