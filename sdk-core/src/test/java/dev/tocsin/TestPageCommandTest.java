package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testkit.Answer;
import dev.tocsin.testing.InboxFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code java dev.tocsin.TestPage}: its settings, its report, and its exit codes. */
class TestPageCommandTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return TestPageCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Map<String, String> pagerDuty() {
        Map<String, String> env = new HashMap<>();
        env.put("TOCSIN_ROUTING_KEY", InboxFixture.ROUTING_KEY);
        env.put("TOCSIN_EVENTS_URL", api.endpoint());
        return env;
    }

    @Test
    void aPassingTestPageExitsZeroAndPrintsTheReportWithoutTheKey() {
        int code = run(pagerDuty(), "--timeout", "10s", "--source=ci-runner");

        assertThat(code).as(out() + err()).isZero();
        assertThat(out()).contains("PASSED", "pagerduty(…0abc)", "trigger: accepted", "resolve: accepted")
                .doesNotContain(InboxFixture.ROUTING_KEY);
        assertThat(api.alerts().get(0).path("payload").path("summary").asText())
                .startsWith("Tocsin test page from ci-runner");
    }

    @Test
    void aFailingStepExitsOne() {
        api.answer(Answer.status(400).withBody("{\"status\":\"invalid event\",\"errors\":[\"bad\"]}"));

        assertThat(run(pagerDuty())).isEqualTo(1);
        assertThat(out()).contains("FAILED", "trigger: refused with HTTP 400: bad");
    }

    @Test
    void theSeverityOptionSendsCritical() {
        assertThat(run(pagerDuty(), "--severity", "CRITICAL", "--timeout=10s")).isZero();
        assertThat(api.alerts().get(0).path("payload").path("severity").asText()).isEqualTo("critical");
    }

    @Test
    void helpPrintsTheSettingsAndExitsZero() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out()).contains("TOCSIN_ROUTING_KEY", "TOCSIN_ALERTMANAGER_URLS", "TOCSIN_WEBHOOK_URL",
                "--timeout", "Exit code: 0 passed, 1 a step failed, 2 configuration");
        assertThat(api.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            TOCSIN_WEBHOOK_URL       | '   '                  | tocsin: TOCSIN_WEBHOOK_URL is set but blank
            TOCSIN_WEBHOOK_URL       | http://exa mple/hook   | tocsin: TOCSIN_WEBHOOK_URL is not a valid URL
            TOCSIN_WEBHOOK_URL       | ftp://example.com/hook | tocsin: TOCSIN_WEBHOOK_URL must be an absolute http(s) URL
            TOCSIN_WEBHOOK_URL       | http://example.com/h   | tocsin: TOCSIN_WEBHOOK_URL must use https for host example.com
            TOCSIN_WEBHOOK_URL       | hook.example.com       | tocsin: TOCSIN_WEBHOOK_URL must be an absolute http(s) URL
            TOCSIN_ROUTING_KEY       | tooShortKey            | tocsin: TOCSIN_ROUTING_KEY must be 32 letters and digits
            TOCSIN_ROUTING_KEY       | ''                     | tocsin: TOCSIN_ROUTING_KEY is set but blank
            TOCSIN_EVENTS_URL        | https://x.example/v2   | tocsin: TOCSIN_EVENTS_URL is set but TOCSIN_ROUTING_KEY is not
            TOCSIN_ALERTMANAGER_URLS | http://127.0.0.1:1,,   | tocsin: TOCSIN_ALERTMANAGER_URLS has an empty entry
            TOCSIN_ALERTMANAGER_URLS | http://127.0.0.1:1,am0 | tocsin: TOCSIN_ALERTMANAGER_URLS must be an absolute http(s) URL
            TOCSIN_TEST_PAGE_TIMEOUT | soon                   | tocsin: TOCSIN_TEST_PAGE_TIMEOUT must be a positive duration such as 10s, 500ms or 1m, was 'soon'
            TOCSIN_TEST_PAGE_TIMEOUT | 0s                     | tocsin: TOCSIN_TEST_PAGE_TIMEOUT must be a positive duration
            TOCSIN_TEST_PAGE_SEVERITY| loud                   | tocsin: TOCSIN_TEST_PAGE_SEVERITY must be info, warning, error or critical, was 'loud'
            TOCSIN_ALLOW_INSECURE_HTTP | yes                  | tocsin: TOCSIN_ALLOW_INSECURE_HTTP must be true or false, was 'yes'
            """)
    void aConfigurationSlipExitsTwoWithAMessageNamingTheSetting(String variable, String value, String message) {
        Map<String, String> env = new HashMap<>();
        env.put("TOCSIN_WEBHOOK_URL", api.baseUrl() + "/hook"); // a valid destination, unless the case replaces it
        env.put(variable, value);
        if (variable.equals("TOCSIN_EVENTS_URL")) {
            env.remove("TOCSIN_ROUTING_KEY");
        }

        assertThat(run(env)).isEqualTo(2);
        assertThat(err()).startsWith(message).doesNotContain("tooShortKey");
        assertThat(api.requests()).as("nothing is sent").isEmpty();
    }

    @Test
    void noDestinationAtAllExitsTwo() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err()).startsWith("tocsin: no destination to test: set TOCSIN_ROUTING_KEY, "
                + "TOCSIN_ALERTMANAGER_URLS or TOCSIN_WEBHOOK_URL");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --routing-key=R0ut1ngKeyForTestsOnly0000000abc | tocsin: --routing-key is not taken on the command line
            --webhook-secret                               | tocsin: --webhook-secret is not taken on the command line
            --verbose                                      | tocsin: unknown argument '--verbose'
            --timeout                                      | tocsin: --timeout needs a value
            --webhook-url=                                 | tocsin: --webhook-url is set but blank
            --timeout=-5s                                  | tocsin: --timeout must be a positive duration
            """)
    void aBadArgumentExitsTwoNamingIt(String arg, String message) {
        assertThat(run(pagerDuty(), arg)).isEqualTo(2);
        assertThat(err()).startsWith(message).contains("--help").doesNotContain(InboxFixture.ROUTING_KEY);
    }

    @Test
    void anArgumentWinsOverItsVariable() {
        Map<String, String> env = pagerDuty();
        env.put("TOCSIN_EVENTS_URL", "not a url");

        assertThat(run(env, "--events-url", api.endpoint(), "--timeout", "10s")).as(err()).isZero();
    }

    @Test
    void aMalformedArgumentIsNamedAsTheArgument() {
        assertThat(run(pagerDuty(), "--events-url", "ftp://x")).isEqualTo(2);
        assertThat(err()).startsWith("tocsin: --events-url must be an absolute http(s) URL");
    }

    @Test
    void durationsTakeMillisecondsSecondsMinutesAndIso() {
        for (String[] c : new String[][] {{"500ms", "PT0.5S"}, {"7", "PT7S"}, {"2m", "PT2M"}, {"PT15S", "PT15S"}}) {
            TestPageSettings s = TestPageSettings.read(new String[] {"--timeout", c[0]}, Map.of());
            assertThat(s.duration(TestPageSettings.TIMEOUT, null)).as(c[0]).hasToString(c[1]);
        }
    }
}
