package dev.tocsin.logback;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.PagerDutyContract;
import dev.tocsin.testing.InboxFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Logback set-up in a child JVM, the key in {@code TOCSIN_ROUTING_KEY}: SLF4J prints no warning
 * about replayed events (nothing logs through SLF4J while it initialises), nothing prints the key — Logback's
 * status list included — and the error pages.
 */
class AppenderStartupTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @TempDir
    Path dir;

    @Test
    void aPlainApplicationStartsQuietlyAndPages() throws Exception {
        Path config = dir.resolve("logback.xml");
        Files.writeString(config, """
                <configuration>
                  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%%-5level %%logger - %%msg%%n</pattern></encoder>
                  </appender>
                  <appender name="PAGER" class="dev.tocsin.logback.TocsinAppender">
                    <endpoint>%s</endpoint>
                    <source>nightly-host</source>
                  </appender>
                  <logger name="dev.tocsin" level="DEBUG"/>
                  <root level="INFO">
                    <appender-ref ref="CONSOLE"/>
                    <appender-ref ref="PAGER"/>
                  </root>
                </configuration>
                """.formatted(api.endpoint()));
        String printed = run(config);

        assertThat(printed).doesNotContain("SLF4J(W)").doesNotContainIgnoringCase("replayed")
                .doesNotContain(ROUTING_KEY)
                .contains("builds its client once SLF4J has finished initialising")
                .contains("ERROR com.example.Nightly - nightly job failed");
        assertThat(api.alerts()).singleElement().satisfies(b -> {
            assertThat(b.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
            assertThat(b.path("payload").path("summary").asText()).isEqualTo("nightly job failed");
            assertThat(b.path("payload").path("source").asText()).isEqualTo("nightly-host");
        });
    }

    /** The README's whole logback.xml, with the endpoint its "try it without an account" sentence adds. */
    @Test
    void theReadmesLogbackXmlPages() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```xml\n(<configuration>.*?</configuration>)\n```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README.md has a whole logback.xml").isTrue();
        String xml = block.group(1).replace("<source>checkout-service</source>",
                "<source>checkout-service</source>\n    <endpoint>" + api.endpoint() + "</endpoint>");
        assertThat(xml).contains("<endpoint>");
        Path config = dir.resolve("logback.xml");
        Files.writeString(config, xml);

        String printed = run(config);

        assertThat(printed).doesNotContain("SLF4J(W)").doesNotContain(ROUTING_KEY)
                .contains("ERROR com.example.Nightly - nightly job failed");
        assertThat(api.alerts()).singleElement().satisfies(b -> {
            assertThat(b.path("payload").path("summary").asText()).isEqualTo("nightly job failed");
            assertThat(b.path("payload").path("source").asText()).isEqualTo("checkout-service");
        });
    }

    /** Runs {@link ConfiguredByLogbackXmlMain} with this logback.xml and the key in the environment. */
    private String run(Path config) throws Exception {
        Path output = dir.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-Dlogback.configurationFile=" + config, "-cp", System.getProperty("java.class.path"),
                ConfiguredByLogbackXmlMain.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("TOCSIN_ROUTING_KEY", ROUTING_KEY);
        Process child = builder.start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(printed).isZero();
        return printed;
    }
}
