package dev.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The incident inbox's page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}):
 * what the inbox takes shows without a reload, and payloads, which a client controls, show as text only.
 */
@Tag("browser")
class InboxPageBrowserTest {
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String XSS = "<img src=x onerror=alert(1)>";
    /** Selenium warns that it has no DevTools bindings for this Chromium; the tests use none. Kept from collection. */
    private static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

    private static Path profile;
    private static ChromeDriverService service;
    private static ChromeDriver driver;

    @RegisterExtension
    final InboxExtension extension = new InboxExtension().allowInvalidRequests();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private IncidentInbox inbox;

    @BeforeAll
    static void startBrowser() throws IOException {
        for (String binary : List.of(CHROMEDRIVER, CHROMIUM)) {
            if (!Files.isExecutable(Path.of(binary))) {
                fail("InboxPageBrowserTest needs Debian's headless Chromium and its driver, and " + binary
                        + " is missing: install them with `apt-get install -y chromium chromium-driver` (.ci/run does)");
            }
        }
        SELENIUM.setLevel(java.util.logging.Level.SEVERE);
        profile = Files.createTempDirectory("tocsin-inbox-chromium");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .withSilent(true).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,1000");
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void openThePage() {
        inbox = extension.inbox();
        driver.get(inbox.url() + "/");
        // set once; a reload of the page would lose it
        ((JavascriptExecutor) driver).executeScript("window.tocsinNoReload = true;");
        await(d -> "live".equals(d.findElement(By.cssSelector("[data-testid=connection]")).getAttribute("data-state")));
    }

    // ---- the tests ----

    @Test
    void anIncidentAppearsAndMovesLiveWithoutReload() throws Exception {
        assertThat(driver.findElement(By.id("incident-list")).getText()).contains("No incidents yet");
        send(inbox.eventsUrl(), IncidentInboxTest.trigger("pay", "Payment failed", "critical"));
        WebElement row = awaitRow("pay", "triggered");
        assertThat(text(row, "summary")).isEqualTo("Payment failed");
        assertThat(text(row, "source")).isEqualTo("host-1");
        assertThat(text(row, "severity")).isEqualTo("critical");
        assertThat(text(row, "occurrences")).isEqualTo("1");
        assertThat(text(row, "resolved")).isEqualTo("—");
        await(d -> d.getTitle().equals("(1 open) Tocsin incident inbox"));
        assertThat(count("open")).isEqualTo("1");

        send(inbox.eventsUrl(), IncidentInboxTest.trigger("pay", "Payment failed", "critical"));
        await(d -> "2".equals(text(awaitRow("pay", "triggered"), "occurrences")));
        send(inbox.eventsUrl(), IncidentInboxTest.action("acknowledge", "pay"));
        awaitRow("pay", "acknowledged");
        assertThat(count("acknowledged")).isEqualTo("1");
        send(inbox.eventsUrl(), IncidentInboxTest.action("resolve", "pay"));
        row = awaitRow("pay", "resolved");
        assertThat(text(row, "resolved")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
        await(d -> d.getTitle().equals("(0 open) Tocsin incident inbox"));
        assertThat(count("resolved")).isEqualTo("1");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.tocsinNoReload === true;"))
                .isEqualTo(true);
    }

    @Test
    void aSelectedIncidentShowsItsTimelineAndPayloadsWithoutTheRoutingKey() throws Exception {
        send(inbox.eventsUrl(), IncidentInboxTest.trigger("pay", "Payment failed", "critical"));
        send(inbox.eventsUrl(), IncidentInboxTest.action("acknowledge", "pay"));
        awaitRow("pay", "acknowledged").click();
        WebElement detail = await(d -> {
            WebElement panel = d.findElement(By.cssSelector("[data-testid=incident-detail]"));
            return panel.isDisplayed() && "pay".equals(panel.getAttribute("data-dedup-key")) ? panel : null;
        });
        assertThat(text(detail, "detail-summary")).contains("Payment failed");
        assertThat(text(detail, "detail-routing-key")).isEqualTo("…0abc");
        assertThat(detail.findElements(By.cssSelector("[data-testid=timeline-entry]")))
                .extracting(e -> e.getAttribute("data-action")).containsExactly("trigger", "acknowledge");
        assertThat(text(detail, "details")).contains("\"attempts\": 3");
        WebElement runbook = detail.findElement(By.cssSelector("[data-testid=link] a"));
        assertThat(runbook.getText()).isEqualTo("Runbook");
        assertThat(runbook.getAttribute("href")).isEqualTo("https://runbooks.example.com/pay");

        send(inbox.eventsUrl(), IncidentInboxTest.action("resolve", "pay")); // the open detail follows
        await(d -> d.findElements(By.cssSelector("[data-testid=incident-detail] [data-testid=timeline-entry]"))
                .size() == 3);
        String payloads = driver.findElement(By.cssSelector("[data-testid=incident-detail] [data-testid=timeline]"))
                .getText();
        assertThat(payloads).contains("\"event_action\": \"trigger\"", "\"summary\": \"Payment failed\"",
                "\"routing_key\": \"…0abc\"", "\"event_action\": \"resolve\"");
        assertThat(driver.getPageSource()).doesNotContain(IncidentInbox.ROUTING_KEY);
        screenshot("incident-detail");
    }

    @Test
    void changeEventsAndAlertmanagerAlertsShow() throws Exception {
        send(inbox.changeEventsUrl(), "{\"routing_key\":\"" + IncidentInbox.ROUTING_KEY + "\",\"payload\":{\"summary\":"
                + "\"Deployed 1.2\",\"source\":\"ci\",\"timestamp\":\"2026-01-01T10:00:00Z\"},\"links\":[{\"href\":"
                + "\"https://ci.example.com/42\",\"text\":\"Build 42\"}]}");
        String alerts = inbox.url() + "/api/v2/alerts";
        send(alerts, "[{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"a\"},\"annotations\":{\"summary\":"
                + "\"disk at 97%\"},\"startsAt\":\"2026-01-01T00:00:00Z\"}]");
        send(alerts, "[{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"a\"},\"annotations\":{\"summary\":"
                + "\"disk at 98%\"},\"startsAt\":\"2026-01-01T00:00:00Z\"}]");

        tab("changes");
        WebElement change = await(d -> first(d, "change-row", r -> true));
        assertThat(text(change, "summary")).isEqualTo("Deployed 1.2");
        assertThat(change.getText()).contains("ci", "2026-01-01T10:00:00Z", "Build 42");
        assertThat(text(change, "payload")).contains("\"routing_key\": \"…0abc\"");
        await(d -> "1".equals(count("changes")));

        tab("alerts");
        WebElement alert = await(d -> first(d, "alert-row", r -> "firing".equals(r.getAttribute("data-status"))
                && "2".equals(text(r, "updates"))));
        assertThat(alert.getAttribute("data-alertname")).isEqualTo("DiskFull");
        assertThat(text(alert, "labels")).contains("alertname=DiskFull", "instance=a");
        assertThat(text(alert, "annotations")).contains("summary=disk at 98%");
        assertThat(count("firing")).isEqualTo("1");
        send(alerts, "[{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"a\"},\"startsAt\":"
                + "\"2026-01-01T00:00:00Z\",\"endsAt\":\"2026-01-01T00:01:00Z\"}]");
        await(d -> first(d, "alert-row", r -> "resolved".equals(r.getAttribute("data-status"))));
        await(d -> "0".equals(count("firing")));
    }

    @Test
    void theRequestLogShowsARefusedRequestWithItsErrorAndClearEmptiesIt() throws Exception {
        send(inbox.eventsUrl(), IncidentInboxTest.trigger("pay", "Payment failed", "critical"));
        HttpResponse<String> refused = send(inbox.eventsUrl(), "{\"routing_key\":\"" + IncidentInbox.ROUTING_KEY
                + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"x\",\"source\":\"h\",\"severity\":\"fatal\"}}");
        assertThat(refused.statusCode()).isEqualTo(400);

        tab("requests");
        WebElement row = await(d -> first(d, "request-row", r -> "400".equals(r.getAttribute("data-status"))));
        assertThat(row.getAttribute("data-method")).isEqualTo("POST");
        assertThat(row.getAttribute("data-valid")).isEqualTo("false");
        assertThat(text(row, "target")).isEqualTo("/v2/enqueue");
        assertThat(text(row, "request-status")).isEqualTo("400");
        assertThat(text(row, "answer")).isEqualTo("normally");
        assertThat(text(row, "request-errors")).contains("'payload.severity' must be one of critical, error, warning, info");
        assertThat(text(row, "payload")).contains("\"severity\": \"fatal\"", "\"routing_key\": \"…0abc\"");
        await(d -> first(d, "request-row", r -> "202".equals(r.getAttribute("data-status"))));
        assertThat(count("requests")).isEqualTo("2");
        assertThat(count("refused")).isEqualTo("1");

        driver.findElement(By.cssSelector("[data-testid=clear]")).click();
        await(d -> d.findElements(By.cssSelector("[data-testid=request-row]")).isEmpty());
        assertThat(driver.findElement(By.id("request-list")).getText()).contains("No requests yet");
        assertThat(driver.findElements(By.cssSelector("[data-testid=incident-row]"))).isEmpty();
        assertThat(count("requests")).isEqualTo("0");
        assertThat(inbox.incidents()).isEmpty();
    }

    @Test
    void payloadsShowAsTextNeverAsMarkup() throws Exception {
        ((JavascriptExecutor) driver).executeScript("window.alert = function (m) { window.tocsinAlerted = String(m); };");
        send(inbox.eventsUrl(), "{\"routing_key\":\"" + IncidentInbox.ROUTING_KEY + "\",\"event_action\":\"trigger\","
                + "\"dedup_key\":\"x\\\"'><b>k</b>\",\"payload\":{\"summary\":\"" + XSS + "\",\"source\":"
                + "\"<script>alert(2)</script>\",\"severity\":\"critical\",\"custom_details\":{\"<b>bold</b>\":"
                + "\"<iframe src=javascript:alert(3)>\"}},\"links\":[{\"href\":\"javascript:alert(4)\","
                + "\"text\":\"<i>click</i>\"}]}");
        WebElement row = awaitRow("x\"'><b>k</b>", "triggered");
        assertThat(text(row, "summary")).isEqualTo(XSS);
        assertThat(text(row, "source")).isEqualTo("<script>alert(2)</script>");
        row.click();
        WebElement detail = await(d -> {
            WebElement panel = d.findElement(By.cssSelector("[data-testid=incident-detail]"));
            return panel.isDisplayed() ? panel : null;
        });
        assertThat(text(detail, "detail-summary")).isEqualTo("#1 " + XSS);
        assertThat(text(detail, "details")).contains("\"<b>bold</b>\": \"<iframe src=javascript:alert(3)>\"");
        assertThat(text(detail, "link")).isEqualTo("<i>click</i>");
        tab("requests");
        await(d -> first(d, "request-row", r -> text(r, "payload").contains(XSS)));

        assertThat(driver.findElements(By.cssSelector("main img, main script, main iframe, main b, main i"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.tocsinAlerted === undefined;"))
                .isEqualTo(true);
        assertThat(driver.getTitle()).isEqualTo("(1 open) Tocsin incident inbox");
        screenshot("requests-with-markup");
    }

    @Test
    void thePageReconnectsAfterAnOutage() throws Exception {
        send(inbox.eventsUrl(), IncidentInboxTest.trigger("before", "Before the outage", "warning"));
        awaitRow("before", "triggered");
        inbox.stop();
        await(d -> "down".equals(d.findElement(By.cssSelector("[data-testid=connection]")).getAttribute("data-state")));
        inbox.restart();
        await(d -> "live".equals(d.findElement(By.cssSelector("[data-testid=connection]")).getAttribute("data-state")));
        send(inbox.eventsUrl(), IncidentInboxTest.trigger("after", "After the outage", "info"));
        awaitRow("after", "triggered");
        awaitRow("before", "triggered");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.tocsinNoReload === true;"))
                .isEqualTo(true);
    }

    // ---- helpers ----

    private HttpResponse<String> send(String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits at most 10 s, every 50 ms, for a non-null, non-false value; the page redraws, so stale elements retry. */
    private static <T> T await(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static WebElement awaitRow(String dedupKey, String status) {
        return await(d -> first(d, "incident-row", r -> dedupKey.equals(r.getAttribute("data-dedup-key"))
                && status.equals(r.getAttribute("data-status"))));
    }

    private static WebElement first(org.openqa.selenium.WebDriver d, String testid, Predicate<WebElement> which) {
        return d.findElements(By.cssSelector("[data-testid=" + testid + "]")).stream().filter(which).findFirst()
                .orElse(null);
    }

    private static String text(WebElement parent, String testid) {
        return parent.findElement(By.cssSelector("[data-testid=" + testid + "]")).getText();
    }

    private static String count(String name) {
        return driver.findElement(By.cssSelector("[data-testid=count-" + name + "]")).getText();
    }

    /** With {@code -Dtocsin.inbox.screenshots=DIR}, the page as it stands, to look at: {@code DIR/NAME.png}. */
    private static void screenshot(String name) throws IOException {
        String dir = System.getProperty("tocsin.inbox.screenshots");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name + ".png"),
                    driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        }
    }

    private static void tab(String name) {
        driver.findElement(By.cssSelector("nav [data-tab=" + name + "]")).click();
    }
}
