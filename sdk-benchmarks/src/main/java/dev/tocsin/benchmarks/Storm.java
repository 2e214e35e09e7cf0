package dev.tocsin.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
 * A storm: 1,000,000 identical {@code log.error} calls from 4 threads through the Tocsin appender to a healthy
 * local endpoint. Reports the time it takes, the HTTP requests the endpoint received ({@code httpRequests},
 * target ≤ 2) and the heap still in use after the storm, over the heap before it ({@code heapGrowthMb},
 * target &lt; 32).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class Storm {
    static final int CALLS = 1_000_000;
    static final int THREADS = 4;

    /** The figures of one storm, reported by JMH next to the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Figures {
        public long httpRequests;
        public long heapGrowthMb;

        @Setup(Level.Iteration)
        public void clear() {
            httpRequests = 0;
            heapGrowthMb = 0;
        }
    }

    @Benchmark
    public void millionIdenticalErrors(Figures figures) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Endpoints.Healthy endpoint = new Endpoints.Healthy()) {
            LoggerContext context = LoggingSetups.context();
            Logger log = LoggingSetups.logger(context, LoggingSetups.tocsin(context, endpoint.url()));
            RuntimeException failure = LoggingSetups.failureWith25Frames();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();

            CountDownLatch done = new CountDownLatch(THREADS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < CALLS / THREADS; i++) {
                        log.error("Order {} failed", i, failure);
                    }
                    done.countDown();
                }, "storm-" + t);
                threads.add(thread);
                thread.start();
            }
            done.await();
            System.gc();
            long after = memory.getHeapMemoryUsage().getUsed();
            context.stop(); // closes the appender's client, which flushes
            figures.httpRequests = endpoint.requests.get();
            figures.heapGrowthMb = Math.max(0, (after - before) >> 20);
        }
    }
}
