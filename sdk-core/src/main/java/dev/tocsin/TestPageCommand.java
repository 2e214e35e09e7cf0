package dev.tocsin;

import dev.tocsin.alertmanager.AlertmanagerDestination;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.text.Secrets;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Endpoints;
import dev.tocsin.webhook.WebhookDestination;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java dev.tocsin.TestPage}: reads the settings from arguments and environment variables (an argument wins),
 * runs the {@link TestPage}, prints its report and says how it went in the exit code. Secrets come from the
 * environment only, never from the command line, where {@code ps} would show them.
 */
final class TestPageCommand {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int CONFIGURATION_ERROR = 2;

    static final String USAGE = """
            Usage: java -cp <tocsin-core and its dependencies> dev.tocsin.TestPage [options]

            Sends a test trigger to each configured destination (each Alertmanager peer on its own), waits for it to
            be accepted, resolves it, and reports each step. Exit code: 0 passed, 1 a step failed, 2 configuration
            error. Options override the environment variable beside them.

              (environment only)   TOCSIN_ROUTING_KEY          PagerDuty Events API v2 integration key (32 characters)
              --events-url URL     TOCSIN_EVENTS_URL           PagerDuty endpoint (default %s)
              --alertmanager-urls  TOCSIN_ALERTMANAGER_URLS    every peer's base URL, comma separated
              --webhook-url URL    TOCSIN_WEBHOOK_URL          a webhook receiver
              (environment only)   TOCSIN_WEBHOOK_SECRET       the webhook's signing secret, if it checks signatures
              --timeout 10s        TOCSIN_TEST_PAGE_TIMEOUT    how long each step may take (ms, s or m; default 10s)
              --severity info      TOCSIN_TEST_PAGE_SEVERITY   info (default), warning, error or critical
              --source NAME        TOCSIN_SOURCE               who sends it (default: the host name)
              --allow-insecure-http TOCSIN_ALLOW_INSECURE_HTTP plain http to hosts other than loopback (true/false)
              --help                                           this text
            At least one of TOCSIN_ROUTING_KEY, TOCSIN_ALERTMANAGER_URLS and TOCSIN_WEBHOOK_URL is required.
            """.formatted(PagerDutyDestination.DEFAULT_ENDPOINT);

    private TestPageCommand() {
    }

    /** Runs the command; returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        TestPage page;
        Duration timeout;
        String key;
        try {
            TestPageSettings settings = TestPageSettings.read(args, env);
            if (settings.help()) {
                out.print(USAGE);
                return PASSED;
            }
            page = page(settings);
            timeout = settings.duration(TestPageSettings.TIMEOUT, TestPage.DEFAULT_TIMEOUT);
            key = settings.value(TestPageSettings.ROUTING_KEY);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("tocsin: run with --help for the settings");
            return CONFIGURATION_ERROR;
        }
        TestPage.Report report = page.run(timeout);
        String text = report.toString();
        out.println(key == null || key.isEmpty() ? text : text.replace(key, Secrets.mask(key))); // in case
        return report.passed() ? PASSED : FAILED;
    }

    /** The test page the settings describe, every value checked, each error naming its setting. */
    static TestPage page(TestPageSettings s) {
        boolean insecure = s.flag(TestPageSettings.ALLOW_INSECURE_HTTP);
        List<Destination> destinations = new ArrayList<>();
        String key = s.value(TestPageSettings.ROUTING_KEY);
        String eventsUrl = s.value(TestPageSettings.EVENTS_URL);
        if (key != null) {
            String endpoint = eventsUrl != null ? eventsUrl : PagerDutyDestination.DEFAULT_ENDPOINT;
            Endpoints.check(s.name(TestPageSettings.EVENTS_URL), endpoint, insecure);
            try {
                destinations.add(PagerDutyDestination.builder().routingKey(key).endpoint(endpoint)
                        .allowInsecureHttp(insecure).build());
            } catch (IllegalArgumentException e) { // the endpoint passed above, so it is the key; never shown
                throw new IllegalArgumentException(e.getMessage().replace("pagerduty.routingKey",
                        TestPageSettings.ROUTING_KEY));
            }
        } else if (eventsUrl != null) {
            throw new IllegalArgumentException("tocsin: " + s.name(TestPageSettings.EVENTS_URL)
                    + " is set but TOCSIN_ROUTING_KEY is not: the routing key says which PagerDuty service to page");
        }
        String webhook = s.value(TestPageSettings.WEBHOOK_URL);
        if (webhook != null) {
            Endpoints.check(s.name(TestPageSettings.WEBHOOK_URL), webhook, insecure);
            WebhookDestination.Builder b = WebhookDestination.builder().url(webhook).allowInsecureHttp(insecure);
            String secret = s.value(TestPageSettings.WEBHOOK_SECRET);
            destinations.add((secret == null ? b : b.secret(secret)).build());
        }
        TestPage page = TestPage.of(destinations.toArray(Destination[]::new));
        List<String> peers = s.list(TestPageSettings.ALERTMANAGER_URLS);
        if (!peers.isEmpty()) {
            for (String peer : peers) {
                Endpoints.check(s.name(TestPageSettings.ALERTMANAGER_URLS), peer, insecure);
            }
            page = page.and(AlertmanagerDestination.builder().peers(peers.toArray(String[]::new))
                    .allowInsecureHttp(insecure).build());
        }
        if (page.destinationNames().isEmpty()) {
            throw new IllegalArgumentException("tocsin: no destination to test: set TOCSIN_ROUTING_KEY, "
                    + "TOCSIN_ALERTMANAGER_URLS or TOCSIN_WEBHOOK_URL (or pass --alertmanager-urls or --webhook-url)");
        }
        Severity severity = s.severity(TestPageSettings.SEVERITY);
        String source = s.value(TestPageSettings.SOURCE);
        return page.severity(severity == null ? Severity.INFO : severity).source(source);
    }
}
