package dev.tocsin.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A message that only wraps the exception logged with it — a servlet container's, a framework's, or one that says
 * no more than "error" — makes a useless page title: the summary comes from the root cause, the message is kept
 * in the details, and the dedup key is the one the exception gives whatever the message.
 */
class WrapperSummaryTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static final IllegalStateException ROOT = new IllegalStateException("payment gateway timeout");
    private static final RuntimeException LOGGED = new RuntimeException(
            "Request processing failed: java.lang.IllegalStateException: payment gateway timeout", ROOT);
    private static final String ROOT_SUMMARY = "java.lang.IllegalStateException: payment gateway timeout";

    static Stream<String> wrappers() {
        return Stream.of(
                "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception",
                "Servlet.service() for servlet [dispatcherServlet] in context with path [/shop] threw exception "
                        + "[Request processing failed: java.lang.IllegalStateException: payment gateway timeout] "
                        + "with root cause",
                "UT005023: Exception handling request to /api/orders",
                "/api/orders/42",
                "Request processing failed; nested exception is java.lang.IllegalStateException: timeout",
                "Unexpected error occurred in scheduled task",
                "Unexpected error occurred in scheduled task.",
                "Unexpected exception occurred invoking async method: public void com.example.Mailer.send()",
                "Application run failed",
                "An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually "
                        + "means the last handler in the pipeline did not handle the exception.",
                "Exception in thread \"worker-3\"",
                "", "   ", "Error", "error:", "ERROR!", "Exception", "Unexpected error", "Unexpected exception:",
                "An error occurred.", "An unexpected error occurred", "Internal Server Error", "Uncaught exception",
                "Something went wrong", "failed");
    }

    static Stream<String> messagesThatSaySomething() {
        return Stream.of("Order 1001 failed for alice", "Error while charging card ending 4242",
                "Failed to place order", "payment gateway timeout", "Servlet init for [x] failed",
                "Exception handling request: see upstream", "api/orders failed", "/api/orders failed for alice");
    }

    private static Alert alertFor(String message, Throwable error) {
        AppenderSettings settings = new AppenderSettings("host", null, List.of(), 5, null, key -> { },
                new FingerprintCache());
        return new LogRecord(settings, 0L, Level.ERROR, "org.apache.catalina.core.ContainerBase", "http-nio-1",
                message, null, error, Map.of(), false).toAlert();
    }

    @ParameterizedTest
    @MethodSource("wrappers")
    void aWrapperIsSummarisedByTheRootCauseAndKeptInTheDetails(String message) {
        Alert alert = alertFor(message, LOGGED);
        assertThat(alert.summary()).isEqualTo(ROOT_SUMMARY);
        if (!message.isBlank()) {
            assertThat(alert.details()).containsEntry("message", message);
        }
        assertThat(alert.dedupKey()).isEqualTo(DedupKeys.of(LOGGED));
        assertThat(alert.type()).as("the class is what was logged").isEqualTo(RuntimeException.class.getName());
    }

    @ParameterizedTest
    @MethodSource("messagesThatSaySomething")
    void aMessageThatSaysSomethingIsTheSummary(String message) {
        Alert alert = alertFor(message, LOGGED);
        assertThat(alert.summary()).isEqualTo(message);
        assertThat(alert.dedupKey()).isEqualTo(DedupKeys.of(LOGGED));
    }

    @ParameterizedTest
    @MethodSource("wrappers")
    void withoutAnExceptionNothingIsAWrapper(String message) {
        Alert alert = alertFor(message, null);
        assertThat(alert.summary()).isEqualTo(message.isBlank() ? "(empty log message)" : message);
    }

    @Test
    void theGenericWordsAreWrappersWhateverTheirCaseSpacingAndTrailingPunctuation() {
        Random random = new Random(0x70C51A2025L);
        List<String> words = List.of("error", "unexpected exception", "an error occurred", "uncaught exception");
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder(" ".repeat(random.nextInt(3)));
            for (char c : words.get(random.nextInt(words.size())).toCharArray()) {
                text.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
                if (c == ' ' && random.nextBoolean()) {
                    text.append(' ');
                }
            }
            text.append(".:!- ".substring(0, random.nextInt(6)));
            assertThat(WrapperMessages.isWrapper(text.toString())).as("'%s'", text).isTrue();
            assertThat(WrapperMessages.isWrapper(text.toString().toLowerCase(Locale.ROOT) + " for order 7"))
                    .as("'%s for order 7'", text).isFalse();
        }
    }

    @Test
    void aDeepChainIsSummarisedByTheDeepestCauseRead() {
        Throwable error = new IllegalStateException("innermost");
        for (int i = 0; i < 50; i++) {
            error = new RuntimeException("layer " + i, error);
        }
        assertThat(alertFor("Error", error).summary()).startsWith("java.lang.RuntimeException: layer ");
        assertThat(alertFor("Error", new RuntimeException("wrapper", ROOT)).summary()).isEqualTo(ROOT_SUMMARY);
    }

    @Test
    void tomcatsLineThroughTheAppenderPagesWithTheRootCause() {
        LoggerContext context = new LoggerContext();
        try {
            Tocsin tocsin = api.client();
            TocsinAppender appender = new TocsinAppender();
            appender.setContext(context);
            appender.setTocsin(tocsin);
            appender.start();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
            context.getLogger("org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]")
                    .error("Servlet.service() for servlet [{}] in context with path [{}] threw exception",
                            "dispatcherServlet", "", LOGGED);
            assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
            // allSatisfy: a cold first request may time out and be sent again
            assertThat(api.alerts()).isNotEmpty().allSatisfy(b -> {
                assertThat(b.path("payload").path("summary").asText()).isEqualTo(ROOT_SUMMARY);
                assertThat(b.path("payload").path("custom_details").path("message").asText()).isEqualTo(
                        "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception");
                assertThat(b.path("dedup_key").asText()).isEqualTo(DedupKeys.of(LOGGED));
            });
        } finally {
            context.stop();
        }
    }
}
