package dev.tocsin;

import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.config.Settings;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Peers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A test page through the whole chain: one trigger to each destination (each peer of a cluster on its own), a wait
 * until it is accepted, then its resolve, and a {@link Report} in plain words of what happened at each step for each
 * destination: accepted, refused with the service's message, throttled, a server error, unreachable, a TLS problem,
 * or timed out.
 *
 * <pre>{@code
 * TestPage.Report report = TestPage.of(PagerDutyDestination.of(key))
 *         .and(AlertmanagerDestination.builder().peers(am0, am1).build())
 *         .run(Duration.ofSeconds(10));
 * System.out.println(report);             // one line per step
 * if (!report.passed()) { ... }
 * }</pre>
 *
 * <p>The alert says it is a test ({@code "Tocsin test page from <source> — safe to ignore; it resolves itself"}), at
 * severity {@link Severity#INFO} unless {@link #severity(Severity)} says otherwise, under a dedup key new for each
 * run. Each destination is tested by a client of its own, in parallel, with short retries: a failing step is reported
 * when its timeout is up, with the last failure seen, and a dead peer never hangs the run. A resolve is sent only
 * after an accepted trigger. Reports hold destination names and scrubbed messages, never a secret.
 *
 * <p>As a command, {@code java -cp … dev.tocsin.TestPage --help} lists the settings (arguments or environment
 * variables such as {@code TOCSIN_ROUTING_KEY}); it exits 0 when every step was accepted, 1 when one was not, and
 * 2 on a configuration error.
 *
 * <p>Immutable and thread-safe; each setting returns a changed copy. {@link #run} blocks, since its caller asks to
 * wait: at most about twice the timeout, whatever the destinations do.
 */
public final class TestPage {
    /** How long each step (trigger, resolve) may take when no timeout is given: 10 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The dedup keys of test pages start with this, followed by a random id. */
    public static final String DEDUP_KEY_PREFIX = "tocsin-test-page-";

    private final List<Destination> destinations;
    private final Severity severity;
    private final String source;

    private TestPage(List<Destination> destinations, Severity severity, String source) {
        this.destinations = List.copyOf(destinations);
        this.severity = severity;
        this.source = source;
    }

    /** A test page to these destinations; add a cluster's peers with {@link #and(Peers)}. */
    public static TestPage of(Destination... destinations) {
        Objects.requireNonNull(destinations, "tocsin: TestPage.of needs destinations");
        for (Destination d : destinations) {
            Objects.requireNonNull(d, "tocsin: TestPage.of was given a null destination");
        }
        return new TestPage(List.of(destinations), Severity.INFO, null);
    }

    /** The same test page, to every peer of the cluster too, each tested and reported on its own. */
    public TestPage and(Peers cluster) {
        List<Destination> peers = Objects.requireNonNull(cluster, "tocsin: TestPage.and needs a cluster").peers();
        if (peers == null || peers.isEmpty()) {
            throw new IllegalArgumentException("tocsin: TestPage.and was given a cluster with no peers");
        }
        List<Destination> all = new ArrayList<>(destinations);
        peers.forEach(p -> all.add(Objects.requireNonNull(p, "tocsin: TestPage.and was given a null peer")));
        return new TestPage(all, severity, source);
    }

    /** The test alert's severity (default {@link Severity#INFO}); {@code CRITICAL} to check that it wakes someone. */
    public TestPage severity(Severity severity) {
        return new TestPage(destinations, Objects.requireNonNull(severity, "tocsin: TestPage.severity is null"),
                source);
    }

    /** The test alert's source, named in its summary (default: the host name). */
    public TestPage source(String source) {
        return new TestPage(destinations, severity, source == null || source.isBlank() ? null : source.strip());
    }

    /** The names of the destinations it tests, one per peer: never a secret. */
    public List<String> destinationNames() {
        return destinations.stream().map(Destination::name).toList();
    }

    /**
     * Sends the test page and waits for its outcome at every destination.
     *
     * @param timeout how long each step may take at each destination (trigger, then resolve)
     * @throws IllegalArgumentException if the timeout is not positive
     * @throws IllegalStateException if there is no destination
     */
    public Report run(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tocsin: the test page's timeout must be a positive duration, was "
                    + timeout);
        }
        if (destinations.isEmpty()) {
            throw new IllegalStateException("tocsin: the test page has no destination");
        }
        String from = source != null ? source : Settings.localHostName();
        String dedupKey = DEDUP_KEY_PREFIX + UUID.randomUUID();
        Alert alert = Alert.trigger("Tocsin test page from " + from + " — safe to ignore; it resolves itself")
                .dedupKey(dedupKey).source(from).severity(severity).type("TocsinTestPage")
                .detail("test_page", true).build();
        List<TestPageProbe> probes = destinations.stream().map(d -> new TestPageProbe(d, timeout)).toList();
        try {
            List<CompletableFuture<Result>> results = probes.stream().map(p -> p.start(alert)).toList();
            return new Report(dedupKey, results.stream().map(CompletableFuture::join).toList());
        } finally {
            probes.forEach(TestPageProbe::close);
        }
    }

    /** Runs the command: see {@link TestPageCommand#USAGE}, or run it with {@code --help}. Exits 0, 1 or 2. */
    public static void main(String[] args) {
        System.exit(TestPageCommand.run(args, System.getenv(), System.out, System.err));
    }

    @Override
    public String toString() {
        return "TestPage" + destinationNames() + " at " + severity.wireName();
    }

    /** What happened at one step. */
    public enum Outcome {
        /** The service took it (2xx). */
        ACCEPTED("accepted"),
        /** The service refused it for good (4xx but 408 and 429); the message is the service's reason. */
        REFUSED("refused"),
        /** The service asked to slow down (429, 408) until the timeout was up. */
        THROTTLED("throttled"),
        /** The service answered 5xx until the timeout was up. */
        SERVER_ERROR("server error"),
        /** No connection: refused, unknown host, no route, or a connection dropped without an answer. */
        UNREACHABLE("unreachable"),
        /** The TLS handshake failed: an untrusted or mismatched certificate, or no common protocol. */
        TLS_PROBLEM("TLS problem"),
        /** No answer in time. */
        TIMED_OUT("timed out"),
        /** Anything else, such as a request the client could not make. */
        FAILED("failed"),
        /** Not sent, since the step before it did not pass. */
        SKIPPED("not sent");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }

        /** The outcome in plain words, such as {@code "TLS problem"}. */
        public String words() {
            return words;
        }
    }

    /**
     * One step at one destination.
     *
     * @param outcome what happened
     * @param message in plain words: the service's reason for a refusal, the network failure, never a secret
     */
    public record Step(Outcome outcome, String message) {
        public Step {
            Objects.requireNonNull(outcome, "outcome");
            message = message == null ? outcome.words() : message;
        }

        public boolean accepted() {
            return outcome == Outcome.ACCEPTED;
        }

        @Override
        public String toString() {
            return message.startsWith(outcome.words()) ? message : outcome.words() + ": " + message;
        }
    }

    /**
     * One destination's (or one peer's) steps.
     *
     * @param destination the destination's name, such as {@code pagerduty(…0abc)}: never a secret
     * @param trigger how the trigger went
     * @param resolve how the resolve went; {@link Outcome#SKIPPED} when the trigger was not accepted
     */
    public record Result(String destination, Step trigger, Step resolve) {
        public Result {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(resolve, "resolve");
        }

        /** Whether both steps were accepted. */
        public boolean passed() {
            return trigger.accepted() && resolve.accepted();
        }
    }

    /**
     * The outcome of a test page at every destination, in the order they were given. Its {@link #toString()} is the
     * report in plain words, one line per step.
     *
     * @param dedupKey the test alert's dedup key, to find it at the services
     * @param results one per destination, one per peer of a cluster
     */
    public record Report(String dedupKey, List<Result> results) {
        public Report {
            Objects.requireNonNull(dedupKey, "dedupKey");
            results = List.copyOf(results);
        }

        /** Whether every step at every destination was accepted. */
        public boolean passed() {
            return !results.isEmpty() && results.stream().allMatch(Result::passed);
        }

        /** The names of the destinations at which a step was not accepted. */
        public List<String> failed() {
            return results.stream().filter(r -> !r.passed()).map(Result::destination).toList();
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("Tocsin test page ").append(dedupKey).append(": ");
            List<String> failed = failed();
            b.append(failed.isEmpty() ? "PASSED, every destination accepted the trigger and the resolve"
                    : "FAILED at " + failed.size() + " of " + results.size() + " destinations: "
                            + String.join(", ", failed));
            for (Result r : results) {
                b.append(System.lineSeparator()).append("  ").append(r.destination())
                        .append(System.lineSeparator()).append("    trigger: ").append(r.trigger())
                        .append(System.lineSeparator()).append("    resolve: ").append(r.resolve());
            }
            return b.toString();
        }
    }
}
