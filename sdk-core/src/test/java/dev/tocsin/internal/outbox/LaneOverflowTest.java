package dev.tocsin.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.EngineDrafts;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.internal.config.Settings;
import dev.tocsin.internal.intake.Rank;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.report.RateLimitedLog;
import dev.tocsin.internal.resilience.Backoff;
import dev.tocsin.internal.resilience.RateLimit;
import dev.tocsin.internal.spool.SpoolReader;
import dev.tocsin.internal.transport.HttpTransport;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.WireRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A lane with the spool on: what does not fit its buffer waits on disk, in order, and comes back whole. */
class LaneOverflowTest {
    private static final int BUFFER = 2;
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = Clock.fixed(t0, ZoneOffset.UTC);
    @TempDir
    Path dir;
    private Persistence persistence;
    private Lane lane;
    private int arrivals;

    @BeforeEach
    void open() {
        Destination destination = PagerDutyDestination.builder().routingKey("R0ut1ngKeyForTestsOnly0000000abc")
                .endpoint("http://127.0.0.1:9/v2/enqueue").build();
        Settings.Draft draft = EngineDrafts.withDefaults();
        draft.destinations.add(destination);
        draft.spoolDir = dir;
        draft.bufferCapacity = BUFFER;
        persistence = Persistence.open(draft.check());
        lane = new Lane(destination, BUFFER, CircuitBreaker.ofDefaults("test"),
                new RateLimit(RateLimiter.of("test", RateLimiterConfig.custom().limitForPeriod(1_000_000)
                        .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build()),
                        1_000_000, Duration.ofSeconds(1)),
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), Duration.ofMillis(1),
                new Counters(List.of()), new RateLimitedLog(LoggerFactory.getLogger(getClass()), clock,
                        Duration.ofSeconds(30)), persistence, clock);
    }

    @AfterEach
    void close() {
        persistence.close();
    }

    private CompletableFuture<DeliveryResult> offer(String what, String key, int rank) {
        Instant at = t0.plusMillis(arrivals++);
        Instant deadline = at.plus(Duration.ofMinutes(10));
        WireRequest request = new WireRequest(URI.create("http://127.0.0.1:9/v2/enqueue"),
                what.getBytes(StandardCharsets.UTF_8), Map.of());
        long seq = persistence.store(lane.key, what, at, deadline, request);
        assertThat(seq).isNotNegative();
        CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
        lane.offer(new Delivery(request, what, key, rank, at, deadline,
                new Settlement(result, Runnable::run, () -> { }, key, 1), seq));
        return result;
    }

    /** Sends everything, each answered 202; the bodies sent, in order. */
    private List<String> sendAll() {
        List<String> sent = new ArrayList<>();
        for (Delivery d; (d = lane.next(t0)) != null; ) {
            sent.add(new String(d.request().body(), StandardCharsets.UTF_8));
            lane.answered(new HttpTransport.Answer(202, null, "{}"), null, t0);
        }
        return sent;
    }

    @Test
    void deliveriesPastTheBufferWaitOnDiskAndComeBackOldestFirst() {
        for (int i = 0; i < 10; i++) {
            offer("e" + i, "k" + i, Rank.ERROR);
        }
        assertThat(lane.depth()).isEqualTo(10);
        assertThat(persistence.size()).isEqualTo(10);

        assertThat(sendAll()).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(lane.idle()).isTrue();
        assertThat(persistence.size()).isZero();
    }

    @Test
    void aKeyWithSomethingOnDiskSendsItsLaterEventsThereTooAndKeepsItsOrder() {
        offer("a trigger", "a", Rank.ERROR);
        offer("b trigger", "b", Rank.ERROR);
        offer("c trigger", "c", Rank.ERROR); // past the buffer
        offer("c ack", "c", Rank.CLEARS); // its key waits on disk: behind it, though it outranks everything
        offer("b ack", "b", Rank.CLEARS); // may not push its own trigger out of memory
        offer("c resolve", "c", Rank.CLEARS);

        List<String> sent = sendAll();
        assertThat(sent).containsExactlyInAnyOrder("a trigger", "b trigger", "c trigger", "c ack", "b ack",
                "c resolve");
        assertThat(sent.indexOf("b trigger")).isLessThan(sent.indexOf("b ack"));
        assertThat(sent.indexOf("c trigger")).isLessThan(sent.indexOf("c ack"));
        assertThat(sent.indexOf("c ack")).isLessThan(sent.indexOf("c resolve"));
    }

    @Test
    void aMoreSevereEventTakesThePlaceOfTheNewestLeastSevereWhichWaitsOnDisk() {
        offer("info x", "x", Rank.INFO);
        offer("info y", "y", Rank.INFO);
        offer("critical z", "z", Rank.CRITICAL); // y moves to disk, not dropped

        assertThat(sendAll()).containsExactly("critical z", "info x", "info y");
    }

    @Test
    void anEventWhoseRecordCannotBeReadBackIsDeadLetteredAndTheLaneGoesOn() throws Exception {
        offer("e0", "k0", Rank.ERROR);
        offer("e1", "k1", Rank.ERROR);
        CompletableFuture<DeliveryResult> damaged = offer("e2", "k2", Rank.ERROR);
        offer("e3", "k3", Rank.ERROR);
        Path segment;
        try (var files = Files.list(dir)) {
            segment = files.filter(p -> p.getFileName().toString().startsWith("spool-")).findFirst().orElseThrow();
        }
        // e2 is the third record of the segment: overwrite its last bytes (its body) with zeros.
        List<SpoolReader.Found> records = SpoolReader.read(segment);
        SpoolReader.Found third = records.get(2);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(2), third.offset() + third.length() - 2);
        }

        assertThat(sendAll()).containsExactly("e0", "e1", "e3");
        assertThat(damaged).isCompletedWithValueMatching(r -> r.status() == Status.DEAD_LETTERED
                && r.detail().contains("could not be read back"));
        assertThat(lane.idle()).isTrue();
    }

    @Test
    void deliveriesOnDiskPastTheirDeadlineAreDeadLettered() {
        List<CompletableFuture<DeliveryResult>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(offer("e" + i, "k" + i, Rank.ERROR));
        }
        assertThat(lane.next(t0.plus(Duration.ofHours(1)))).isNull();
        assertThat(results).allSatisfy(r -> assertThat(r).isCompletedWithValueMatching(
                x -> x.status() == Status.DEAD_LETTERED));
        assertThat(lane.idle()).isTrue();
        assertThat(persistence.size()).isZero();
    }

    @Test
    void abandoningSettlesWhatWaitsOnDiskTooAndLeavesItInTheSpool() {
        List<CompletableFuture<DeliveryResult>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(offer("e" + i, "k" + i, Rank.ERROR));
        }
        assertThat(lane.abandon()).isEqualTo(5);
        assertThat(results).allSatisfy(r -> assertThat(r).isCompletedWithValueMatching(
                x -> x.status() == Status.ABANDONED));
        assertThat(persistence.size()).isEqualTo(5);
    }
}
