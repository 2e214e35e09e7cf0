package dev.tocsin.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.tocsin.Tocsin;
import dev.tocsin.logback.TocsinAppender;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.rules.Rule;
import dev.tocsin.spi.TocsinStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.slf4j.MDC;

/**
 * The rules end to end, through a real client: the logged exception of {@link RuleSets} ({@code log.error} through
 * the Tocsin appender, MDC of six keys, three of them copied to the details), 1,000 times in a burst, timed until
 * the client's dispatch thread has dealt with every one (all but the first are repeats inside its storm window, so
 * each ends counted as coalesced). Per event, for: no rules; one rule that never matches; the 50 rules, none
 * matching; the 50 rules and the tenant that rules 20 and 48 match (48 rewrites the dedup key, so the repeats
 * fold under the rewritten key). Destinations: one per route name the rules use, and a default one, all on a local
 * port that never answers, so that nothing leaves and no answer costs anything. The figure is the logging thread's
 * and the dispatch thread's work together, on two cores.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class RuleDispatch {
    static final int BURST = 1_000;

    @Param({"0", "1-none-match", "50-none-match", "50-late-match"})
    public String rules;

    private Endpoints.Hanging endpoint;
    private Tocsin tocsin;
    private LoggerContext context;
    private Logger log;
    private RuntimeException failure;
    private Map<String, String> mdc;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        endpoint = new Endpoints.Hanging();
        List<Rule> chosen = switch (rules) {
            case "0" -> List.of();
            case "1-none-match" -> List.of(Rule.named("broken-pipe").when("summary contains 'Broken pipe'")
                    .suppress().build());
            case "50-none-match", "50-late-match" -> RuleSets.fifty();
            default -> throw new IllegalArgumentException(rules);
        };
        Tocsin.Builder builder = Tocsin.builder().destination(destination()).source("shop-7d9f8c6b5-x2x4q")
                .coalesceWindow(Duration.ofHours(1)).shutdownTimeout(Duration.ofMillis(200)).rules(chosen);
        for (String route : RuleSets.ROUTES) {
            builder.destination(route, destination());
        }
        tocsin = builder.build();
        context = LoggingSetups.context();
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName("TOCSIN");
        appender.setTocsin(tocsin);
        appender.setMdcKeys(String.join(",", RuleSets.MDC_KEYS));
        appender.start();
        log = LoggingSetups.logger(context, appender);
        failure = RuleSets.failure();
        mdc = RuleSets.mdc(rules.equals("50-late-match") ? RuleSets.MATCHED_TENANT : RuleSets.QUIET_TENANT);
        // the first event opens the storm window (and goes to its lanes); every later one is a repeat
        MDC.setContextMap(mdc);
        log.error(RuleSets.PATTERN, 4711, 30000, failure);
        MDC.clear();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tocsin.stats().outboxDepth() == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the first event never reached a lane: " + tocsin.stats());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private PagerDutyDestination destination() {
        return PagerDutyDestination.builder().routingKey(Endpoints.ROUTING_KEY).endpoint(endpoint.url()).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        TocsinStats stats = tocsin.stats();
        context.stop();
        tocsin.close();
        endpoint.close();
        if (stats.dropped() != 0 || stats.suppressed() != 0 || stats.ruleErrors() != 0) {
            throw new IllegalStateException("events were dropped, suppressed or failed a rule: " + stats);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public long burstOfRepeats() {
        long target = tocsin.stats().coalesced() + BURST;
        MDC.setContextMap(mdc);
        for (int i = 0; i < BURST; i++) {
            log.error(RuleSets.PATTERN, 4711, 30000, failure);
        }
        MDC.clear();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long coalesced;
        while ((coalesced = tocsin.stats().coalesced()) < target) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the dispatch thread did not get through the burst: "
                        + tocsin.stats());
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
        }
        return coalesced;
    }
}
