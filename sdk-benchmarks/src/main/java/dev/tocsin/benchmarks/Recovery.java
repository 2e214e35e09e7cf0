package dev.tocsin.benchmarks;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.spi.TocsinListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An outage and its end, in real time: a client with default settings delivers one alert to a local endpoint, which
 * then goes down for {@code outageSeconds}, either closing its port ({@code refused}: connections are refused) or
 * answering every request with HTTP 500 ({@code http500}); 50 distinct triggers are queued as it goes down. Then the
 * endpoint is back (the same port listens again, or it answers 202), and the backlog drains.
 *
 * <p>Reports, from the moment the endpoint is back, when the first of the 50 arrived ({@code firstDeliveryMs}) and the
 * last ({@code drainedMs}); how many times the lane tried during the outage ({@code outageProbes}); and the shortest
 * gap between two of those tries once the backoff had reached its cap, the third try on ({@code minProbeGapMs};
 * {@code -1} if the outage was too short for four tries, as in CI's 5 s smoke run).
 * The single-shot time is the outage and the drain together.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 3)
// The JDK server answers without Nagle's delay, as a real receiver does; else each answer waits ~40 ms for an ACK.
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true"})
@State(Scope.Benchmark)
public class Recovery {
    static final int BACKLOG = 50;

    @Param({"refused", "http500"})
    public String outage;

    @Param({"60"})
    public int outageSeconds;

    /** The figures of one outage, reported by JMH next to the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Figures {
        public long firstDeliveryMs;
        public long drainedMs;
        public long outageProbes;
        public long minProbeGapMs;

        @Setup(Level.Iteration)
        public void clear() {
            firstDeliveryMs = 0;
            drainedMs = 0;
            outageProbes = 0;
            minProbeGapMs = 0;
        }
    }

    @Benchmark
    public void backlogAfterOutage(Figures figures) throws Exception {
        List<Long> tries = new CopyOnWriteArrayList<>();
        try (Endpoints.Receiver endpoint = new Endpoints.Receiver()) {
            Tocsin tocsin = Tocsin.builder()
                    .destination(PagerDutyDestination.builder().routingKey(Endpoints.ROUTING_KEY)
                            .endpoint(endpoint.url()).build())
                    .source("benchmark-host")
                    .floodThreshold(0, Duration.ofMinutes(1)) // the backlog's keys each on their own, as measured
                    .shutdownTimeout(Duration.ofSeconds(1))
                    .listener(new TocsinListener() {
                        @Override
                        public void retried(String lane) {
                            tries.add(System.nanoTime());
                        }
                    })
                    .build();
            tocsin.trigger(Alert.trigger("before the outage").dedupKey("before").build());
            if (!endpoint.awaitAll(List.of("before"), 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the endpoint did not get the first alert");
            }

            if (outage.equals("refused")) {
                endpoint.stop();
            } else {
                endpoint.answer(500);
            }
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < BACKLOG; i++) {
                keys.add("recovery-" + i);
                tocsin.trigger(Alert.trigger("failure " + i).dedupKey("recovery-" + i).build());
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(outageSeconds);
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }

            List<Long> during = List.copyOf(tries);
            long backAt = System.nanoTime();
            if (outage.equals("refused")) {
                endpoint.start();
            } else {
                endpoint.answer(202);
            }
            if (!endpoint.awaitAll(keys, 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the backlog was not delivered within 120 s of recovery");
            }
            tocsin.close();

            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (String key : keys) {
                first = Math.min(first, endpoint.arrival(key));
                last = Math.max(last, endpoint.arrival(key));
            }
            long minGap = Long.MAX_VALUE;
            for (int i = 3; i < during.size(); i++) {
                minGap = Math.min(minGap, during.get(i) - during.get(i - 1));
            }
            figures.firstDeliveryMs = TimeUnit.NANOSECONDS.toMillis(first - backAt);
            figures.drainedMs = TimeUnit.NANOSECONDS.toMillis(last - backAt);
            figures.outageProbes = during.size();
            figures.minProbeGapMs = minGap == Long.MAX_VALUE ? -1 : TimeUnit.NANOSECONDS.toMillis(minGap);
        }
    }
}
