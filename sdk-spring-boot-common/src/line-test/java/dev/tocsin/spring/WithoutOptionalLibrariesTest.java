package dev.tocsin.spring;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.PagerDutyContract;
import dev.tocsin.testing.InboxFixture;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Logback and actuator health are optional: an application without either, in a child JVM whose class path really
 * lacks it (a {@code FilteredClassLoader} would hide it from the context but not from the listener that makes the
 * early client, nor from classes already loaded), starts with Tocsin on, pages, and closes the client made before
 * the context once the context's has taken over, leaving one dispatch thread and no early state behind.
 */
class WithoutOptionalLibrariesTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    /**
     * @param left the class path entries left off, by a part of their path separated by {@code |}: Logback's jars
     *     and tocsin-logback; the health API (Spring Boot 4's spring-boot-health, 3.5's spring-boot-actuator) and the
     *     actuator
     */
    @ParameterizedTest(name = "without {0}")
    @CsvSource(delimiter = ';', value = {
        "Logback; /logback-|/sdk-logback/|/tocsin-logback-; logback=false",
        "actuator health; /spring-boot-health-|/spring-boot-actuator|/spring-boot-starter-actuator-; health=false"})
    void theApplicationStartsAndPagesAndTheEarlyClientIsClosed(String library, String left, String absent)
            throws Exception {
        List<String> parts = List.of(left.split("\\|"));
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> parts.stream().noneMatch(entry.replace(File.separatorChar, '/')::contains))
                .collect(Collectors.joining(File.pathSeparator));
        Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp", classPath,
                WithoutLibraryMain.class.getName(), api.endpoint(), ROUTING_KEY)
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();

        assertThat(output).as("without %s", library)
                .contains(absent, "earlyClosed=true", "earlyStates=0", "flushed=true", "dispatchThreads=1\n",
                        "dispatchThreadsAfterClose=0")
                .doesNotContain("NoClassDefFoundError", "Application run failed");
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(api.requests()).anyMatch(e -> e.bodyText().contains("paged without an optional library"));
    }
}
