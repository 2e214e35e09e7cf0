package dev.tocsin.benchmarks;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.pagerduty.PagerDutyDestination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * How long a page takes to leave: distinct triggers ({@code latency-<n>}), one every {@code gapMs}, from one thread
 * through {@link Tocsin#trigger(Alert)} to a healthy local endpoint, each timed from its call to the endpoint
 * receiving it (same JVM, {@link System#nanoTime()}). 500 triggers 5 ms apart keep the pipeline busy; 100 triggers
 * 150 ms apart find it idle each time (past its napping spell), so each one must wake it. Default settings but the
 * rate limit, raised to 1,000 a second so that it does not pace these sends. Reports the median, the 99th
 * percentile and the worst, in microseconds ({@code p50Us}, {@code p99Us}, {@code maxUs}).
 *
 * <p>One measured run per fork, three forks: each fork's "Iteration 1" lines give the figures of one run. The summary
 * table at the end adds the three forks' figures up (JMH sums event counters), so read the per-fork lines.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
// The JDK server answers without Nagle's delay, as a real receiver does; else each answer waits ~40 ms for an ACK.
@Fork(value = 3, jvmArgs = {"-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true"})
@State(Scope.Benchmark)
public class Latency {

    @Param({"5", "150"})
    public int gapMs;

    /** The figures of one run, reported by JMH next to the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Figures {
        public long p50Us;
        public long p99Us;
        public long maxUs;

        @Setup(Level.Iteration)
        public void clear() {
            p50Us = 0;
            p99Us = 0;
            maxUs = 0;
        }
    }

    @Benchmark
    public void triggerToReceived(Figures figures) throws Exception {
        int alerts = gapMs <= 5 ? 500 : 100;
        try (Endpoints.Receiver endpoint = new Endpoints.Receiver()) {
            Tocsin tocsin = Tocsin.builder()
                    .destination(PagerDutyDestination.builder().routingKey(Endpoints.ROUTING_KEY)
                            .endpoint(endpoint.url()).build())
                    .source("benchmark-host")
                    .rateLimit(1_000, Duration.ofSeconds(1))
                    .floodThreshold(0, Duration.ofMinutes(1)) // every probe is a key of its own, timed one by one
                    .shutdownTimeout(Duration.ofSeconds(1))
                    .build();
            List<String> keys = new ArrayList<>();
            long[] calledAt = new long[alerts];
            long gap = TimeUnit.MILLISECONDS.toNanos(gapMs);
            long start = System.nanoTime() + gap;
            for (int i = 0; i < alerts; i++) {
                long at = start + i * gap;
                for (long left = at - System.nanoTime(); left > 0; left = at - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
                String key = "latency-" + i;
                keys.add(key);
                calledAt[i] = System.nanoTime();
                tocsin.trigger(Alert.trigger("latency probe " + i).dedupKey(key).build());
            }
            if (!endpoint.awaitAll(keys, 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every trigger arrived within 30 s");
            }
            tocsin.close();
            long[] micros = new long[alerts];
            for (int i = 0; i < alerts; i++) {
                micros[i] = TimeUnit.NANOSECONDS.toMicros(endpoint.arrival(keys.get(i)) - calledAt[i]);
            }
            Arrays.sort(micros);
            figures.p50Us = micros[alerts / 2];
            figures.p99Us = micros[(int) Math.ceil(alerts * 0.99) - 1];
            figures.maxUs = micros[alerts - 1];
        }
    }
}
