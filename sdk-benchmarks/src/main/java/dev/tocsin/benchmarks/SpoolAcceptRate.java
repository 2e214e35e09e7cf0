package dev.tocsin.benchmarks;

import dev.tocsin.SyncPolicy;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.pagerduty.PagerDutyDestination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many events per second become durable with the spool on, for each sync policy: batches of 100 distinct
 * triggers, each batch followed by {@code persist()}, against a healthy local endpoint.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class SpoolAcceptRate {
    static final int BATCH = 100;

    @Param({"EVERY_EVENT", "GROUP_COMMIT", "NONE"})
    public SyncPolicy policy;

    private Path dir;
    private Endpoints.Healthy endpoint;
    private Tocsin tocsin;
    private long n;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("tocsin-spool-bench");
        endpoint = new Endpoints.Healthy();
        tocsin = Tocsin.builder()
                .destination(PagerDutyDestination.builder().routingKey(Endpoints.ROUTING_KEY)
                        .endpoint(endpoint.url()).build())
                .spool(dir)
                .spoolSync(policy)
                .spoolCapacity(10_000_000, 8L << 30)
                .bufferCapacity(10_000_000)
                .queueCapacity(100_000)
                .rateLimit(1_000_000, Duration.ofSeconds(1))
                .floodThreshold(0, Duration.ofMinutes(1)) // every event is written to the spool, as measured
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        tocsin.close();
        endpoint.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean acceptDurably() {
        for (int i = 0; i < BATCH; i++) {
            tocsin.trigger(Alert.trigger("failure").dedupKey("key-" + n++).build());
        }
        return tocsin.persist(Duration.ofSeconds(30));
    }
}
