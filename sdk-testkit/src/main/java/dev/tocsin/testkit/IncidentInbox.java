package dev.tocsin.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ServerSocketFactory;

/**
 * A strict local fake of PagerDuty's Events API v2 ({@code /v2/enqueue}, {@code /v2/change/enqueue}) and of
 * Alertmanager's API v2 alerts endpoint ({@code /api/v2/alerts}), on one port of 127.0.0.1, that keeps incidents the
 * way the real services do and shows them on a live web page at {@link #url()}: the incident inbox.
 *
 * <p>Every request is checked as strictly as the real service checks it, and answered as it answers: 202 with the
 * {@code dedup_key}, or 400 with PagerDuty's {@code errors[]}; 200, or 400 / 422 from Alertmanager; 429 past a
 * {@link Builder#rateLimit rate limit}. Valid alerts open, update, acknowledge and resolve {@link Incident}s per
 * routing key and dedup key. {@link #answer(Endpoint, Answer...)} injects faults; {@link #stop()} and
 * {@link #restart()} make an outage.
 *
 * <pre>{@code
 * try (IncidentInbox inbox = IncidentInbox.start()) {
 *     // point a client at inbox.eventsUrl() with IncidentInbox.ROUTING_KEY ...
 *     Incident incident = inbox.awaitIncident("payment-failed", Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>In a JUnit 5 test, {@link InboxExtension} starts one per test, and {@link InboxAssertions} reads it. Run
 * {@link #main(String[])} for a standalone inbox. Thread-safe. It does not depend on Tocsin: any client can be
 * tested against it.
 */
public final class IncidentInbox implements AutoCloseable {
    /** A made-up integration key in PagerDuty's format (32 letters and digits), for tests. */
    public static final String ROUTING_KEY = "TocsinInboxTestKeyForTests000abc";

    private final Builder settings;
    private final InboxState state;
    private final InboxHandler handler;
    private final AnswerScripts scripts = new AnswerScripts();
    private HttpLoop loop;
    private int port;

    private IncidentInbox(Builder settings) {
        this.settings = settings;
        this.state = new InboxState(settings.clock, settings.requestLimit);
        this.handler = new InboxHandler(state, scripts::next,
                new RateLimit(settings.rateLimitEvents, settings.rateLimitWindow, settings.clock));
    }

    /** An inbox on a free port of 127.0.0.1, with the system clock and no rate limit. */
    public static IncidentInbox start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- where it is ----

    /** The base URL, such as {@code http://127.0.0.1:53012}: the web page, and what an Alertmanager client is given. */
    public String url() {
        return (settings.https ? "https://" : "http://") + settings.host.getHostAddress() + ":" + port;
    }

    /** The Events API alerts endpoint: {@code <url>/v2/enqueue}. */
    public String eventsUrl() {
        return url() + Endpoint.EVENTS.path();
    }

    /** The Events API change events endpoint: {@code <url>/v2/change/enqueue}. */
    public String changeEventsUrl() {
        return url() + Endpoint.CHANGE_EVENTS.path();
    }

    /** A heartbeat check's ping URL: {@code <url>/ping/<check>}. */
    public String heartbeatUrl(String check) {
        if (check == null || check.isBlank() || check.contains("/")) {
            throw new IllegalArgumentException("tocsin testkit: a check is a non-blank name without '/', not \""
                    + check + "\"");
        }
        return url() + Endpoint.HEARTBEAT.path() + check;
    }

    /** A webhook receiver's URL: {@code <url>/hooks/<name>}; see {@link Endpoint#WEBHOOK}. */
    public String webhookUrl(String name) {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("tocsin testkit: a webhook name is non-blank, without '/', not \""
                    + name + "\"");
        }
        return url() + Endpoint.WEBHOOK.path() + name;
    }

    /** The port, also while {@link #stop() stopped}. */
    public int port() {
        return port;
    }

    // ---- lifecycle ----

    private synchronized IncidentInbox open(int onPort) {
        try {
            loop = new HttpLoop(settings.host, onPort, handler,
                    settings.https ? SelfSigned.serverSockets() : ServerSocketFactory.getDefault());
        } catch (IOException e) {
            throw new UncheckedIOException("tocsin testkit: cannot listen on " + settings.host.getHostAddress() + ":"
                    + onPort + ": " + e.getMessage(), e);
        }
        port = loop.port();
        return this;
    }

    /**
     * Stops listening, as in an outage: connections are refused until {@link #restart()}. The incidents and the
     * requests received stay.
     */
    public synchronized void stop() {
        if (loop != null) {
            loop.close();
        }
    }

    /** Listens again on the same port, after {@link #stop()}, with the same incidents and answers. */
    public synchronized void restart() {
        if (loop != null && !loop.closed()) {
            throw new IllegalStateException("tocsin testkit: the inbox is running; stop() it first");
        }
        open(port);
    }

    /** Whether it listens now. */
    public synchronized boolean running() {
        return loop != null && !loop.closed();
    }

    /** Stops it for good. Idempotent. */
    @Override
    public void close() {
        stop();
    }

    // ---- fault injection ----

    /**
     * The requests to {@code endpoint} from now on get these answers in turn, and the last one every request
     * after: {@code answer(EVENTS, status(503), status(503), normally())} fails twice, then works as the service does.
     * Replaces the answers set before for that endpoint.
     */
    public IncidentInbox answer(Endpoint endpoint, Answer... answers) {
        scripts.set(endpoint, answers);
        return this;
    }

    /** Every endpoint answers {@link Answer#normally() as the service does} again. */
    public IncidentInbox answerNormally() {
        scripts.clear();
        return this;
    }

    // ---- what it holds ----

    /** Every incident, oldest first. */
    public List<Incident> incidents() {
        return state.incidents();
    }

    /** The latest incident with this dedup key, for any routing key. */
    public Optional<Incident> incident(String dedupKey) {
        List<Incident> all = incidents();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).dedupKey().equals(dedupKey)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** The incidents not resolved. */
    public List<Incident> openIncidents() {
        return incidents().stream().filter(Incident::open).toList();
    }

    /** Every change event, oldest first. */
    public List<Change> changes() {
        return state.changes();
    }

    /** Every Alertmanager alert, by first arrival; {@link AlertmanagerAlert#firing()} as of now. */
    public List<AlertmanagerAlert> alertmanagerAlerts() {
        return state.alertmanagerAlerts();
    }

    /** The requests received, oldest first; the newest {@link Builder#keepRequests} of them. */
    public List<ReceivedRequest> requests() {
        return state.requests();
    }

    /** The requests received at {@code endpoint}, oldest first. */
    public List<ReceivedRequest> requests(Endpoint endpoint) {
        return requests().stream().filter(r -> r.endpoint() == endpoint).toList();
    }

    /** The heartbeat pings received for {@code check} (its {@code /start}, {@code /fail}... included), oldest first. */
    public List<ReceivedRequest> pings(String check) {
        String prefix = Endpoint.HEARTBEAT.path() + check;
        return requests(Endpoint.HEARTBEAT).stream()
                .filter(r -> r.path().equals(prefix) || r.path().startsWith(prefix + "/")).toList();
    }

    /** The requests the real service would have refused, whatever the inbox answered. */
    public List<ReceivedRequest> invalidRequests() {
        return requests().stream().filter(r -> !r.valid()).toList();
    }

    /** Forgets every incident, change, alert and request; the answers stay. */
    public void clear() {
        state.clear();
    }

    // ---- waiting ----

    /**
     * Waits until {@code condition} holds, at most {@code timeout}, waking on every request; the inbox's state is
     * what the condition reads. An {@link AssertionError} naming {@code what} and the inbox's state if it does not.
     */
    public void await(String what, Predicate<IncidentInbox> condition, Duration timeout) {
        awaitValue(what, inbox -> condition.test(inbox) ? Boolean.TRUE : null, timeout);
    }

    /** The latest incident with this key, waiting at most {@code timeout} for it to open. */
    public Incident awaitIncident(String dedupKey, Duration timeout) {
        return awaitValue("an incident with dedup key " + dedupKey, inbox -> inbox.incident(dedupKey).orElse(null),
                timeout);
    }

    /**
     * Waits until {@code value} gives something other than {@code null}, at most {@code timeout}, waking on every
     * request, and returns it; an {@link AssertionError} naming {@code what} and the inbox's state if it does not.
     */
    public <T> T awaitValue(String what, Function<IncidentInbox, T> value, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = state.version();
        while (true) {
            T v = value.apply(this);
            if (v != null) {
                return v;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("tocsin testkit: no " + what + " within " + timeout + "; the inbox holds "
                        + describe());
            }
            try {
                seen = state.awaitChange(seen, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** What it holds, for a failure message: incidents, changes, alerts, the last requests. */
    String describe() {
        StringBuilder out = new StringBuilder();
        List<Incident> incidents = incidents();
        out.append(incidents.size()).append(incidents.size() == 1 ? " incident" : " incidents");
        incidents.stream().skip(Math.max(0, incidents.size() - 10)).forEach(i -> out.append("\n  ").append(i));
        out.append("\n").append(changes().size()).append(" change events, ").append(alertmanagerAlerts().size())
                .append(" Alertmanager alerts, ").append(state.received()).append(" requests");
        List<ReceivedRequest> requests = requests();
        requests.stream().skip(Math.max(0, requests.size() - 5)).forEach(r -> out.append("\n  ").append(r));
        return out.toString();
    }

    @Override
    public String toString() {
        return "IncidentInbox[" + url() + (running() ? "" : ", stopped") + "]";
    }

    /**
     * The standalone inbox: {@code java dev.tocsin.testkit.IncidentInbox [--port N] [--host ADDRESS]} (port 8025
     * unless {@code --port} or {@code TOCSIN_INBOX_PORT} says otherwise; 0 takes a free port). Prints its URLs, then
     * serves until the process is stopped.
     */
    public static void main(String[] args) throws InterruptedException {
        InboxMain.run(args, System.getenv(), System.out, System.err);
    }

    /** How an inbox is set up; {@link #start()} makes it listen. */
    public static final class Builder {
        private InetAddress host = InetAddress.getLoopbackAddress();
        private int port;
        private Clock clock = Clock.systemUTC();
        private int rateLimitEvents;
        private Duration rateLimitWindow = Duration.ofMinutes(1);
        private int requestLimit = 10_000;
        private boolean https;

        private Builder() {
        }

        /** The port; 0, the default, takes a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("tocsin testkit: a port is 0 to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** The address to listen on; 127.0.0.1 unless set. */
        public Builder host(InetAddress host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The clock of timelines, rate limits and of when an Alertmanager alert stops firing. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Answers 429, as PagerDuty does, past {@code events} events per routing key within a sliding {@code window}
         * (PagerDuty's is about 120 a minute). Off unless set.
         */
        public Builder rateLimit(int events, Duration window) {
            if (events < 1) {
                throw new IllegalArgumentException("tocsin testkit: a rate limit lets at least 1 event through, not "
                        + events);
            }
            Objects.requireNonNull(window, "window");
            if (window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("tocsin testkit: a rate limit's window is positive, not " + window);
            }
            this.rateLimitEvents = events;
            this.rateLimitWindow = window;
            return this;
        }

        /**
         * Serves HTTPS instead of HTTP, with a self-signed certificate for 127.0.0.1 and localhost that no client
         * trusts: a TLS problem on command.
         */
        public Builder https() {
            this.https = true;
            return this;
        }

        /** How many of the newest requests it keeps for {@link #requests()}: 10,000 unless set. */
        public Builder keepRequests(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("tocsin testkit: keep at least 1 request, not " + requests);
            }
            this.requestLimit = requests;
            return this;
        }

        /** Starts an inbox with these settings, listening when it returns. */
        public IncidentInbox start() {
            return new IncidentInbox(this.copy()).open(port);
        }

        private Builder copy() {
            Builder b = new Builder();
            b.host = host;
            b.port = port;
            b.clock = clock;
            b.rateLimitEvents = rateLimitEvents;
            b.rateLimitWindow = rateLimitWindow;
            b.requestLimit = requestLimit;
            b.https = https;
            return b;
        }
    }
}
