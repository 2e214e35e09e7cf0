package dev.tocsin.internal.pipeline;

import dev.tocsin.event.Alert;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.spi.WireRequest;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one event costs on the dispatch thread between the caller's text and the bytes on the wire: normalise
 * (scrub, clean, cut) an alert whose summary and one detail are the same text, then encode it as a PagerDuty
 * request. The text mixes prose, a few secrets and a long run of {@code a.} (the shape that made the old
 * scrubber quadratic), at 1 KB, 100 KB and 10 MB. The alert carries its own dedup key so that deriving one
 * from the summary is not part of the figure. In this package to reach the package-private Normalizer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ScrubEncode {
    private static final String HEAD = "Order 4711 failed: cannot connect to postgres://orders:hunter2@db.internal"
            + ":5432/orders with DB_PASSWORD=hunter2 and key AKIAIOSFODNN7EXAMPLE_backup; retrying in 30 s.\n";

    @Param({"1024", "102400", "10485760"})
    public int size;

    private Normalizer normalizer;
    private PagerDutyDestination destination;
    private Alert alert;

    @Setup
    public void setUp() {
        StringBuilder text = new StringBuilder(size).append(HEAD);
        while (text.length() < size - 2) {
            text.append("a.");
        }
        String s = text.toString();
        normalizer = new Normalizer("bench-host", Clock.systemUTC());
        destination = PagerDutyDestination.of("0123456789abcdef0123456789abcdef");
        alert = Alert.trigger(s).dedupKey("scrub-encode").detail("request", s).build();
    }

    @Benchmark
    public WireRequest scrubAndEncode() {
        return destination.encode(normalizer.alert(alert, null));
    }
}
