package dev.tocsin.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tocsin.Tocsin;
import dev.tocsin.pagerduty.PagerDutyDestination;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake PagerDuty Events API v2 on 127.0.0.1 (WireMock on a free port): alerts at {@value #ALERTS_PATH}, change
 * events at {@value #CHANGES_PATH}, each answered {@link Answer#accepted() 202 with a dedup key} unless the test
 * scripts other answers.
 *
 * <p>Hold it as a field, one per test:
 *
 * <pre>{@code
 * @RegisterExtension
 * final FakeEventsApi api = new FakeEventsApi();
 * }</pre>
 *
 * or use it as an {@link AutoCloseable}: {@code try (FakeEventsApi api = new FakeEventsApi().start()) {...}}.
 * Closing it (after each test, as an extension) closes the clients it {@link #track tracked}, then the
 * {@link #aroundEach resources} opened for the test, then runs the {@link #checkEachRequest checks} over every
 * request received, then stops the server.
 *
 * <p>Uses Tocsin's public API only. Thread-safe, but configure it ({@link #https()}, {@link #checkEachRequest},
 * {@link #aroundEach}) before it starts.
 */
public final class FakeEventsApi implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
    /** A made-up integration key, in PagerDuty's format; a test should never see it in a log line. */
    public static final String ROUTING_KEY = "R0ut1ngKeyForTestsOnly0000000abc";
    /** Where alerts (trigger, acknowledge, resolve) are sent. */
    public static final String ALERTS_PATH = "/v2/enqueue";
    /** Where change events are sent. */
    public static final String CHANGES_PATH = "/v2/change/enqueue";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<BiConsumer<String, byte[]>> checks = new ArrayList<>();
    private final List<Supplier<? extends AutoCloseable>> resources = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<Tocsin> clients = new CopyOnWriteArrayList<>();
    /** What servers stopped by {@link #restart()} had received. */
    private final List<ReceivedRequest> earlier = new CopyOnWriteArrayList<>();
    private boolean https;
    private WireMockServer server;
    private int port;
    private int httpsPort;
    private List<Answer> alertAnswers = List.of(Answer.accepted());
    private Answer changeAnswer = Answer.accepted();
    private final List<StubMapping> alertStubs = new ArrayList<>();
    private StubMapping changeStub;
    private int scripts;

    /** Serves HTTPS too, on a port of its own, with WireMock's self-signed certificate: {@link #httpsEndpoint()}. */
    public FakeEventsApi https() {
        https = true;
        return this;
    }

    /**
     * After each test (once the tracked clients are closed), every POST received, to any path, is passed to
     * {@code check} with its URL and body; a check fails the test by throwing.
     */
    public FakeEventsApi checkEachRequest(BiConsumer<String, byte[]> check) {
        checks.add(Objects.requireNonNull(check, "check"));
        return this;
    }

    /**
     * Opens a resource as each test starts, once the server runs, and closes it after the test, once the tracked
     * clients are closed and before the request checks: a log capture whose {@code close()} asserts on what was
     * logged, say.
     */
    public FakeEventsApi aroundEach(Supplier<? extends AutoCloseable> resource) {
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

    /** Starts the server and opens the {@link #aroundEach resources}. */
    public synchronized FakeEventsApi start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        earlier.clear();
        serve(0, 0);
        for (Supplier<? extends AutoCloseable> resource : resources) {
            opened.add(resource.get());
        }
        return this;
    }

    private void serve(int onPort, int onHttpsPort) {
        WireMockConfiguration options = options().bindAddress("127.0.0.1").containerThreads(20)
                .asynchronousResponseEnabled(true);
        if (onPort == 0) {
            options.dynamicPort();
        } else {
            options.port(onPort);
        }
        if (https) {
            if (onHttpsPort == 0) {
                options.dynamicHttpsPort();
            } else {
                options.httpsPort(onHttpsPort);
            }
        }
        WireMockServer created = new WireMockServer(options);
        // Stubbed before it starts: a request arriving in between would get a 404, which a client takes as final.
        server = created;
        alertStubs.clear();
        changeStub = null;
        stubAlerts();
        stubChanges();
        created.start();
        port = created.port();
        httpsPort = https ? created.httpsPort() : 0;
    }

    /**
     * Closes the tracked clients and the resources opened for the test, runs the request checks, and stops the
     * server, whatever failed before; the first failure is thrown (a checked one wrapped), the others added to it.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (server == null) {
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
        failure = attempt(failure, server::stop);
        server = null;
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("closing the fake Events API failed", failure);
        }
    }

    /** The first failure of a check, or {@code null}: the first request that fails one is the one to read. */
    private Throwable checkRequests() {
        for (ReceivedRequest r : requests()) {
            if (r.method().equals("POST")) {
                for (BiConsumer<String, byte[]> check : checks) {
                    Throwable failed = attempt(null, () -> check.accept(r.url(), r.body()));
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

    /** Stops the server: connections are refused until {@link #restart()}. What it received is kept. */
    public synchronized void stop() {
        running().stop();
    }

    /**
     * A new server on the same port (and HTTPS port), with the answers set so far (an in-turn script starts again),
     * ready before it takes its first connection; the requests received before are kept. Call {@link #stop()} first.
     */
    public synchronized void restart() {
        WireMockServer old = running();
        if (old.isRunning()) {
            throw new IllegalStateException("stop() it first");
        }
        earlier.addAll(received(old));
        serve(port, httpsPort);
    }

    /** Forgets every request received so far; the answers stay as they are. */
    public synchronized void forgetRequests() {
        earlier.clear();
        running().resetRequests();
    }

    private WireMockServer running() {
        if (server == null) {
            throw new IllegalStateException("not started: register it with @RegisterExtension, or call start()");
        }
        return server;
    }

    // ---- answers ----

    /** Every alert request from now on gets {@code answer}. */
    public FakeEventsApi answer(Answer answer) {
        return answerInTurn(answer);
    }

    /**
     * The alert requests from now on get these answers in turn, one each, and the last one every request after:
     * {@code answerInTurn(status(503), status(503), accepted())} fails twice, then accepts.
     */
    public synchronized FakeEventsApi answerInTurn(Answer... answers) {
        if (answers.length == 0) {
            throw new IllegalArgumentException("no answer");
        }
        for (Answer a : answers) {
            Objects.requireNonNull(a, "answer");
        }
        alertAnswers = List.of(answers);
        if (server != null) {
            stubAlerts();
        }
        return this;
    }

    /** {@link #answerInTurn(Answer...)} from a list. */
    public FakeEventsApi answerInTurn(List<Answer> answers) {
        return answerInTurn(answers.toArray(Answer[]::new));
    }

    /** Every change event request from now on gets {@code answer}. */
    public synchronized FakeEventsApi answerChanges(Answer answer) {
        changeAnswer = Objects.requireNonNull(answer, "answer");
        if (server != null) {
            stubChanges();
        }
        return this;
    }

    private void stubAlerts() {
        List<StubMapping> before = new ArrayList<>(alertStubs);
        alertStubs.clear();
        // The newest stub that matches answers: the new ones are in place before the old ones go, so no request
        // meets a gap. Each script is a scenario of its own, starting from its first answer.
        String scenario = "answers-" + (++scripts);
        int last = alertAnswers.size() - 1;
        for (int i = 0; i <= last; i++) {
            MappingBuilder stub = post(urlPathEqualTo(ALERTS_PATH));
            if (last > 0) {
                ScenarioMappingBuilder step = stub.inScenario(scenario)
                        .whenScenarioStateIs(i == 0 ? STARTED : "answer-" + i);
                stub = i < last ? step.willSetStateTo("answer-" + (i + 1)) : step;
            }
            alertStubs.add(server.stubFor(stub.willReturn(alertAnswers.get(i).response())));
        }
        before.forEach(stub -> server.removeStub(stub.getId()));
    }

    private void stubChanges() {
        StubMapping before = changeStub;
        changeStub = server.stubFor(post(urlPathEqualTo(CHANGES_PATH)).willReturn(changeAnswer.response()));
        if (before != null) {
            server.removeStub(before.getId());
        }
    }

    // ---- where it is, and clients aimed at it ----

    /** The server's base URL, such as {@code http://127.0.0.1:53012}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public synchronized int port() {
        running();
        return port;
    }

    /** The alerts endpoint: what a {@link PagerDutyDestination} or an appender's {@code <endpoint>} is given. */
    public String endpoint() {
        return baseUrl() + ALERTS_PATH;
    }

    /** The alerts endpoint over HTTPS; see {@link #https()}. */
    public synchronized String httpsEndpoint() {
        running();
        if (!https) {
            throw new IllegalStateException("not serving HTTPS: call https() before it starts");
        }
        return "https://127.0.0.1:" + httpsPort + ALERTS_PATH;
    }

    /** A PagerDuty destination with {@link #ROUTING_KEY}, aimed at this fake. */
    public PagerDutyDestination destination() {
        return PagerDutyDestination.builder().routingKey(ROUTING_KEY).endpoint(endpoint()).build();
    }

    /**
     * A builder aimed at this fake with timings for tests: 500 ms timeouts, retries after 5 to 50 ms, 20 ms after a
     * throttling answer, 10,000 sends a second, a breaker open for 200 ms, a 2 s shutdown; source "test-host".
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
                .circuitBreaker(CircuitBreakerConfig.custom().waitDurationInOpenState(Duration.ofMillis(200)).build())
                .shutdownTimeout(Duration.ofSeconds(2));
    }

    /** A client {@link #builder() aimed at this fake}, closed after the test. */
    public Tocsin client() {
        return track(builder().build());
    }

    /** Has {@code client} closed when this fake closes (after the test), before the request checks. */
    public <T extends Tocsin> T track(T client) {
        clients.add(Objects.requireNonNull(client, "client"));
        return client;
    }

    // ---- what it received ----

    /** Every request received, to any path, in arrival order. */
    public synchronized List<ReceivedRequest> requests() {
        List<ReceivedRequest> out = new ArrayList<>(earlier);
        out.addAll(received(running()));
        return out;
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

    /**
     * The WireMock server itself, to serve other paths beside the Events API (a heartbeat's pings, say) or to
     * script what {@link Answer} does not say. Replaced by {@link #restart()}, with the stubs of the Events API
     * paths only.
     */
    public synchronized WireMockServer wireMock() {
        return running();
    }

    private static List<ReceivedRequest> received(WireMockServer server) {
        // The journal lists the newest first; its timestamps have millisecond resolution, too coarse to sort by.
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events);
        return events.stream().map(ReceivedRequest::new).toList();
    }
}
