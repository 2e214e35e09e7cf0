package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: the core works in a JVM whose class path has no Micrometer at all. */
class OptionalMicrometerTest extends PagerDutyWireMockTest {

    @Test
    void theClientRunsWithoutMicrometerOnTheClassPath() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("micrometer"))
                .collect(Collectors.joining(File.pathSeparator));
        Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp", classPath,
                NoMicrometerMain.class.getName(), server.baseUrl() + ENQUEUE).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("delivered=1").doesNotContain("NoClassDefFoundError");
        assertThat(alertRequests()).isEqualTo(1);
    }
}
