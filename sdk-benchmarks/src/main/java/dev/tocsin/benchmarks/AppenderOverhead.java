package dev.tocsin.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code log.error(msg, ex)} with a 25-frame exception costs the logging thread, through: a no-op appender
 * (the floor), Logback's AsyncAppender (neverBlock) over a no-op appender, the Tocsin appender with a healthy
 * local endpoint, the Tocsin appender with an endpoint that never answers, and (for reference) the Tocsin
 * appender whose client refuses everything, which is the appender's own work. Compare the medians
 * ({@code p0.50}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class AppenderOverhead {

    @Param({"noop", "async-noop", "tocsin-healthy", "tocsin-hanging", "tocsin-disabled"})
    public String appender;

    private LoggerContext context;
    private Logger log;
    private Endpoints.Healthy healthy;
    private Endpoints.Hanging hanging;
    private RuntimeException failure;
    private int order;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        context = LoggingSetups.context();
        failure = LoggingSetups.failureWith25Frames();
        log = switch (appender) {
            case "noop" -> LoggingSetups.logger(context, LoggingSetups.noop(context));
            case "async-noop" -> LoggingSetups.logger(context, LoggingSetups.asyncOverNoop(context));
            case "tocsin-healthy" -> {
                healthy = new Endpoints.Healthy();
                yield LoggingSetups.logger(context, LoggingSetups.tocsin(context, healthy.url()));
            }
            case "tocsin-hanging" -> {
                hanging = new Endpoints.Hanging();
                yield LoggingSetups.logger(context, LoggingSetups.tocsin(context, hanging.url()));
            }
            case "tocsin-disabled" -> { // the appender's own work: its client refuses everything at once
                var tocsin = new dev.tocsin.logback.TocsinAppender();
                tocsin.setContext(context);
                tocsin.setTocsin(dev.tocsin.Tocsin.noop());
                tocsin.start();
                yield LoggingSetups.logger(context, tocsin);
            }
            default -> throw new IllegalArgumentException(appender);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        context.stop();
        if (healthy != null) {
            healthy.close();
        }
        if (hanging != null) {
            hanging.close();
        }
    }

    @Benchmark
    public void logErrorWithException() {
        log.error("Order {} failed", order++, failure);
    }
}
