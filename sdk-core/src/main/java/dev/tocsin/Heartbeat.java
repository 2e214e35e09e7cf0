package dev.tocsin;

import dev.tocsin.spi.DaemonThreads;
import dev.tocsin.spi.Endpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings a dead-man's switch in the healthchecks.io shape: {@code <url>/start} when started, {@code <url>} every
 * interval, {@code <url>/fail} when the application dies of a failure. If the application dies or hangs, the
 * pings stop and the outside service pages. A failed ping is retried quietly once and counted; it never pages
 * by itself. Pings run on the daemon thread {@code tocsin-heartbeat}. Thread-safe.
 */
public final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final Duration interval;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();

    private Heartbeat(URI url, Duration interval) {
        this.url = url;
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tocsin-heartbeat"));
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build(); // its own daemon workers
    }

    /**
     * Checks the URL, pings {@code /start} and then the URL every interval.
     *
     * @param url the check's ping URL; HTTPS unless loopback or {@code allowInsecureHttp}
     * @throws IllegalArgumentException naming {@code heartbeat.url} or {@code heartbeat.interval}
     */
    public static Heartbeat start(String url, Duration interval, boolean allowInsecureHttp) {
        URI checked = Endpoints.check("heartbeat.url", url, allowInsecureHttp);
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("tocsin: heartbeat.interval must be a positive duration, was "
                    + interval);
        }
        Heartbeat heartbeat = new Heartbeat(checked, interval);
        heartbeat.timer.execute(() -> heartbeat.ping("/start", true));
        heartbeat.timer.scheduleAtFixedRate(() -> heartbeat.ping("", true), interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    /**
     * Reports a failure once ({@code <url>/fail}) without a running heartbeat, for an application that fails
     * before it started pinging. Never throws.
     *
     * @return {@code true} if the service took it
     */
    public static boolean reportFailure(String url, boolean allowInsecureHttp, Duration wait) {
        try {
            URI target = withSuffix(Endpoints.check("heartbeat.url", url, allowInsecureHttp), "/fail");
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(wait).build().send(
                    HttpRequest.newBuilder(target).timeout(wait).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.debug("tocsin: heartbeat failure report failed: {}", e.toString());
            return false;
        }
    }

    /** Reports a failure ({@code /fail}), waiting at most {@code wait} for it to leave, and stops pinging. */
    public void fail(Duration wait) {
        timer.shutdown();
        ping("/fail", false);
        try {
            timer.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pings that reached the service. */
    public long sent() {
        return sent.sum();
    }

    /** Pings that failed, retries included. */
    public long failed() {
        return failed.sum();
    }

    /** Stops pinging; sends nothing, so the outside service notices silence only if the JVM does not return. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void ping(String suffix, boolean retry) {
        URI target = withSuffix(url, suffix);
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                sent.increment();
                return;
            }
            failed.increment();
            LOG.debug("tocsin: heartbeat ping{} answered HTTP {}", suffix, response.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            failed.increment();
            LOG.debug("tocsin: heartbeat ping{} failed: {}", suffix, e.toString());
        }
        if (retry && !timer.isShutdown()) {
            try {
                timer.schedule(() -> ping(suffix, false), Math.min(interval.toMillis() / 4, 5_000),
                        TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // shutting down
            }
        }
    }

    /** {@code <url><suffix>}, the healthchecks.io way: {@code /start}, {@code /fail}, or nothing. */
    private static URI withSuffix(URI url, String suffix) {
        return URI.create(url.toString().replaceAll("/+$", "") + suffix);
    }

    @Override
    public String toString() {
        return "Heartbeat[" + url.getHost() + ", every " + interval + "]"; // the path may hold the check's secret
    }
}
