package dev.tocsin.benchmarks;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A flood: 1,000,000 triggers with distinct dedup keys ({@code order-<id> failed}) in one burst from one thread
 * through {@link Tocsin#trigger(Alert)}, with default settings (intake 8192, lane buffer 10,000, 120 sends a
 * minute) against a healthy local endpoint, and one CRITICAL trigger ("primary database down") in the middle.
 * Reports the time the burst takes, the heap still in use after it over the heap before ({@code heapGrowthMb}),
 * the mean cost of a call, building its {@link Alert} included ({@code nsPerCall}), and the time from the
 * critical trigger's call to the endpoint receiving it ({@code criticalPageMs}; {@code -1} if not within 30 s).
 *
 * <p>One measured flood per fork, three forks: each fork's "Iteration 1" lines give the figures of one flood. The
 * summary table at the end adds the three forks' figures up (JMH sums event counters), so read the per-fork lines.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@Fork(value = 3, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class Flood {
    static final int CALLS = 1_000_000;

    /** The figures of one flood, reported by JMH next to the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Figures {
        public long heapGrowthMb;
        public long nsPerCall;
        public long criticalPageMs;

        @Setup(Level.Iteration)
        public void clear() {
            heapGrowthMb = 0;
            nsPerCall = 0;
            criticalPageMs = 0;
        }
    }

    @Benchmark
    public void millionDistinctTriggersAndOneCritical(Figures figures) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Endpoints.Healthy endpoint = new Endpoints.Healthy()) {
            endpoint.watchFor("primary-db");
            Tocsin tocsin = Tocsin.builder()
                    .destination(PagerDutyDestination.builder().routingKey(Endpoints.ROUTING_KEY)
                            .endpoint(endpoint.url()).build())
                    .source("benchmark-host")
                    .floodThreshold(0, Duration.ofMinutes(1)) // the buffers and shedding under a flood, unfolded
                    .shutdownTimeout(Duration.ofSeconds(1))
                    .build();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();

            long criticalAt = 0;
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                if (i == CALLS / 2) {
                    criticalAt = System.nanoTime();
                    tocsin.trigger(Alert.trigger("primary database down").dedupKey("primary-db")
                            .severity(Severity.CRITICAL).build());
                }
                tocsin.trigger(Alert.trigger("order-" + i + " failed").dedupKey("order-" + i).build());
            }
            long took = System.nanoTime() - start;

            long seenAt = endpoint.awaitWatched(30, TimeUnit.SECONDS);
            System.gc();
            long after = memory.getHeapMemoryUsage().getUsed();
            tocsin.close(); // the backlog of lesser events is abandoned after the shutdown timeout
            figures.heapGrowthMb = Math.max(0, (after - before) >> 20);
            figures.nsPerCall = took / (CALLS + 1);
            figures.criticalPageMs = seenAt < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(seenAt - criticalAt);
        }
    }
}
