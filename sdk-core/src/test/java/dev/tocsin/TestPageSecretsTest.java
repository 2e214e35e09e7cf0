package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.TestPage.Report;
import dev.tocsin.testkit.Answer;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a hostile or careless service answers, even with the routing key in its words, the report never shows
 * the key: not in its text, its steps, its destination names, nor in the command's output.
 */
class TestPageSecretsTest {
    private static final String KEY = InboxFixture.ROUTING_KEY;

    @RegisterExtension
    final InboxFixture api = new InboxFixture();

    static Stream<Arguments> answers() {
        String json = "{\"status\":\"invalid event\",\"message\":\"" + KEY + "\",\"errors\":[\"routing key " + KEY
                + " is unknown\", \"" + KEY + "\"]}";
        return Stream.of(
                Arguments.of("a 400 whose errors name the key", Answer.status(400).withBody(json)),
                Arguments.of("a 400 whose body is the key", Answer.status(400).withBody(KEY)),
                Arguments.of("a 404 with the key in plain text", Answer.status(404).withBody("no such key: " + KEY)),
                Arguments.of("a 422 with the key in a JSON string",
                        Answer.status(422).withBody("{\"message\":\"key=" + KEY + "\"}")),
                Arguments.of("a 503 with the key", Answer.status(503).withBody(KEY)),
                Arguments.of("a 429 whose Retry-After is the key", Answer.status(429).withRetryAfter(KEY)),
                Arguments.of("garbage", Answer.garbage()),
                Arguments.of("an accepted answer echoing the key", Answer.status(202).withBody(KEY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void theReportNeverShowsTheRoutingKey(String what, Answer answer) {
        api.answer(answer);

        Report report = TestPage.of(api.destination()).run(Duration.ofSeconds(2));

        assertThat(report.toString()).as(what).doesNotContain(KEY);
        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.toString()).doesNotContain(KEY);
            assertThat(r.trigger().message()).doesNotContain(KEY);
            assertThat(r.resolve().message()).doesNotContain(KEY);
        });
        assertThat(TestPage.of(api.destination())).hasToString("TestPage[pagerduty(…0abc)] at info");
    }
}
