package dev.tocsin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.Tocsin;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testkit.Answer;
import dev.tocsin.testkit.Endpoint;
import dev.tocsin.testkit.IncidentInbox;
import dev.tocsin.testkit.ReceivedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tocsin's own tests against the testkit's {@link IncidentInbox}: one inbox per test, clients aimed at it with timings
 * for tests, closed after the test, and checks over every request received.
 *
 * <pre>{@code
 * @RegisterExtension
 * final InboxFixture api = new InboxFixture();
 * }</pre>
 *
 * or as an {@link AutoCloseable}: {@code try (InboxFixture api = new InboxFixture().start()) {...}}. Closing it
 * (after each test, as an extension) closes the clients it {@link #track tracked}, then the {@link #aroundEach
 * resources} opened for the test, then checks that the real service would have taken every request (the inbox's own
 * validation) and runs the {@link #checkEachRequest checks}, then stops the inbox.
 *
 * <p>Uses Tocsin's public API only. Configure it ({@link #checkEachRequest}, {@link #aroundEach}) before it starts.
 */
public final class InboxFixture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
    /** The inbox's made-up integration key; a test should never see it in a log line. */
    public static final String ROUTING_KEY = IncidentInbox.ROUTING_KEY;
    /** Where alerts (trigger, acknowledge, resolve) are sent. */
    public static final String ALERTS_PATH = Endpoint.EVENTS.path();
    /** Where change events are sent. */
    public static final String CHANGES_PATH = Endpoint.CHANGE_EVENTS.path();

    private final List<BiConsumer<String, byte[]>> checks = new ArrayList<>();
    private final List<Supplier<? extends AutoCloseable>> resources = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<Tocsin> clients = new CopyOnWriteArrayList<>();
    private boolean allowInvalid;
    private boolean https;
    private IncidentInbox inbox;

    /** Serves HTTPS with a self-signed certificate no client trusts ({@link IncidentInbox.Builder#https()}). */
    public InboxFixture https() {
        https = true;
        return this;
    }

    /**
     * After each test (once the tracked clients are closed), every POST received, to any path, is passed to
     * {@code check} with its path and body; a check fails the test by throwing.
     */
    public InboxFixture checkEachRequest(BiConsumer<String, byte[]> check) {
        checks.add(Objects.requireNonNull(check, "check"));
        return this;
    }

    /** Requests the real service would refuse do not fail the test: for tests that send them on purpose. */
    public InboxFixture allowInvalidRequests() {
        allowInvalid = true;
        return this;
    }

    /**
     * Opens a resource as each test starts, once the inbox runs, and closes it after the test, once the tracked
     * clients are closed and before the request checks: a log capture whose {@code close()} asserts on what was
     * logged, say.
     */
    public InboxFixture aroundEach(Supplier<? extends AutoCloseable> resource) {
        resources.add(Objects.requireNonNull(resource, "resource"));
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Starts the inbox and opens the {@link #aroundEach resources}. */
    public synchronized InboxFixture start() {
        if (inbox != null) {
            throw new IllegalStateException("already started");
        }
        IncidentInbox.Builder settings = IncidentInbox.builder();
        inbox = (https ? settings.https() : settings).start();
        for (Supplier<? extends AutoCloseable> resource : resources) {
            opened.add(resource.get());
        }
        return this;
    }

    /**
     * Closes the tracked clients and the resources opened for the test, runs the request checks, and stops the
     * inbox, whatever failed before; the first failure is thrown (a checked one wrapped), the others added to it.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (inbox == null) {
            return;
        }
        Throwable failure = null;
        for (Tocsin client : clients) {
            failure = attempt(failure, client::close);
        }
        clients.clear();
        for (int i = opened.size() - 1; i >= 0; i--) {
            failure = attempt(failure, opened.get(i)::close);
        }
        opened.clear();
        if (failure == null) {
            failure = checkRequests();
        }
        failure = attempt(failure, inbox::close);
        inbox = null;
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("closing the inbox failed", failure);
        }
    }

    /** The first failure of a check, or {@code null}: the first request that fails one is the one to read. */
    private Throwable checkRequests() {
        if (!allowInvalid) {
            for (ReceivedRequest r : inbox.invalidRequests()) {
                return new AssertionError("the real service would refuse " + r);
            }
        }
        for (ReceivedRequest r : requests()) {
            if (r.method().equals("POST")) {
                for (BiConsumer<String, byte[]> check : checks) {
                    Throwable failed = attempt(null, () -> check.accept(r.path(), r.body()));
                    if (failed != null) {
                        return failed;
                    }
                }
            }
        }
        return null;
    }

    private static Throwable attempt(Throwable failure, AutoCloseable step) {
        try {
            step.close();
        } catch (Throwable t) {
            if (failure == null) {
                return t;
            }
            failure.addSuppressed(t);
        }
        return failure;
    }

    /** The inbox of the running test. */
    public synchronized IncidentInbox inbox() {
        if (inbox == null) {
            throw new IllegalStateException("not started: register it with @RegisterExtension, or call start()");
        }
        return inbox;
    }

    /** Stops the inbox: connections are refused until {@link #restart()}. What it received is kept. */
    public void stop() {
        inbox().stop();
    }

    /** Listens again on the same port, with the same answers and what it received. Call {@link #stop()} first. */
    public void restart() {
        inbox().restart();
    }

    /** Forgets every request and incident so far; the answers stay as they are. */
    public void forgetRequests() {
        inbox().clear();
    }

    // ---- answers ----

    /** Every alert request from now on gets {@code answer}. */
    public InboxFixture answer(Answer answer) {
        return answerInTurn(answer);
    }

    /**
     * The alert requests from now on get these answers in turn, one each, and the last one every request after:
     * {@code answerInTurn(status(503), status(503), normally())} fails twice, then accepts.
     */
    public InboxFixture answerInTurn(Answer... answers) {
        inbox().answer(Endpoint.EVENTS, answers);
        return this;
    }

    /** {@link #answerInTurn(Answer...)} from a list. */
    public InboxFixture answerInTurn(List<Answer> answers) {
        return answerInTurn(answers.toArray(Answer[]::new));
    }

    /** Every change event request from now on gets {@code answer}. */
    public InboxFixture answerChanges(Answer answer) {
        inbox().answer(Endpoint.CHANGE_EVENTS, answer);
        return this;
    }

    // ---- where it is, and clients aimed at it ----

    /** The inbox's base URL, such as {@code http://127.0.0.1:53012}. */
    public String baseUrl() {
        return inbox().url();
    }

    public int port() {
        return inbox().port();
    }

    /** The alerts endpoint: what a {@link PagerDutyDestination} or an appender's {@code <endpoint>} is given. */
    public String endpoint() {
        return inbox().eventsUrl();
    }

    /** A PagerDuty destination with {@link #ROUTING_KEY}, aimed at this inbox. */
    public PagerDutyDestination destination() {
        return PagerDutyDestination.builder().routingKey(ROUTING_KEY).endpoint(endpoint()).build();
    }

    /**
     * A builder aimed at this inbox with timings for tests: 500 ms timeouts, retries after 5 to 50 ms, 20 ms after a
     * throttling answer, 10,000 sends a second, a breaker open for 200 ms, a 2 s shutdown; source "test-host". Like the
     * rate limit, flood folding is out of the way (off): tests of folding set {@code floodThreshold} themselves.
     * {@link #track} what it builds to have it closed after the test.
     */
    public Tocsin.Builder builder() {
        return Tocsin.builder()
                .destination(destination())
                .source("test-host")
                .connectTimeout(Duration.ofMillis(500))
                .requestTimeout(Duration.ofMillis(500))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(50))
                .throttleBackoff(Duration.ofMillis(20))
                .rateLimit(10_000, Duration.ofSeconds(1))
                .floodThreshold(0, Duration.ofMinutes(1))
                .circuitBreaker(CircuitBreakerConfig.custom().waitDurationInOpenState(Duration.ofMillis(200)).build())
                .shutdownTimeout(Duration.ofSeconds(2));
    }

    /** A client {@link #builder() aimed at this inbox}, closed after the test. */
    public Tocsin client() {
        return track(builder().build());
    }

    /** Has {@code client} closed when this fixture closes (after the test), before the request checks. */
    public <T extends Tocsin> T track(T client) {
        clients.add(Objects.requireNonNull(client, "client"));
        return client;
    }

    // ---- what it received ----

    /** Every request received, to any path, in arrival order. */
    public List<ReceivedRequest> requests() {
        return inbox().requests();
    }

    /** The requests received at {@code path} (such as {@link #ALERTS_PATH}), in arrival order. */
    public List<ReceivedRequest> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The bodies of the alert requests received, parsed, in arrival order. */
    public List<JsonNode> alerts() {
        return requests(ALERTS_PATH).stream().map(ReceivedRequest::json).toList();
    }

    /** How many alert requests were received. */
    public int alertCount() {
        return requests(ALERTS_PATH).size();
    }

    /** The bodies of the change event requests received, parsed, in arrival order. */
    public List<JsonNode> changes() {
        return requests(CHANGES_PATH).stream().map(ReceivedRequest::json).toList();
    }
}
