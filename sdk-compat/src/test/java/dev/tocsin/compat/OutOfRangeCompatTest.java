package dev.tocsin.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With a real jar outside the supported range (swapped in for this run's in a child JVM), {@code build()} fails
 * with one message that names the library, the version found and the versions needed: never a
 * {@code LinkageError}, never the routing key.
 */
class OutOfRangeCompatTest {

    @Test
    void jackson211FailsTheBuildWithOneClearMessage() throws Exception {
        String output = ChildJvm.run(BuildMain.class, "jackson",
                List.of("jackson-databind-", "jackson-core-", "jackson-annotations-"));

        assertRefusedOnce(output, "Jackson (jackson-databind) 2.11.4 is on the class path; Tocsin needs 2.12.0 or a "
                + "later 2.x; Jackson (jackson-core) 2.11.4 is on the class path; Tocsin needs 2.12.0 or a later 2.x");
    }

    @Test
    void resilience4j170FailsTheBuildWithOneClearMessage() throws Exception {
        // 1.7.0 with the vavr it brings, as a Spring Cloud BOM of 2021 would pin it
        String output = ChildJvm.run(BuildMain.class, "resilience4j", List.of("resilience4j-", "vavr-"));

        assertRefusedOnce(output, "Resilience4j (resilience4j-circuitbreaker) 1.7.0 is on the class path; Tocsin needs "
                + "1.7.1 to 2.x; Resilience4j (resilience4j-ratelimiter) 1.7.0 is on the class path; Tocsin needs "
                + "1.7.1 to 2.x");
    }

    @Test
    void slf4j1730FailsTheBuildWithOneClearMessage() throws Exception {
        // no Logback either: Logback 1.3 and later need SLF4J 2
        String output = ChildJvm.run(BuildMain.class, "slf4j",
                List.of("slf4j-api-", "logback-classic-", "logback-core-"));

        assertRefusedOnce(output, "SLF4J (slf4j-api) 1.7.30 is on the class path; Tocsin needs 1.7.36 to 2.x");
    }

    @Test
    void micrometer19FailsTheBuildWithTheBindingAndOnlyWithIt() throws Exception {
        // 1.9 has no micrometer-commons or micrometer-observation
        String output = ChildJvm.run(BuildMain.class, "micrometer",
                List.of("micrometer-core-", "micrometer-commons-", "micrometer-observation-"), "plain", "metrics");

        assertThat(output).contains("plain: built Tocsin");
        assertRefusedOnce(output, "Micrometer (micrometer-core) 1.9.17 is on the class path; Tocsin needs 1.10.0 or a "
                + "later 1.x");
    }

    /**
     * One build refused with the whole message (a build prints one line, so that one was not built), and nothing
     * that links wrongly or names the key.
     */
    private static void assertRefusedOnce(String output, String problems) {
        assertThat(output)
                .containsOnlyOnce("refused ")
                .contains("refused UnsupportedLibraryException: tocsin: " + problems + ". Align the version")
                .doesNotContain("linkage error").doesNotContain("LinkageError").doesNotContain("NoSuchMethodError")
                .doesNotContain("NoClassDefFoundError")
                .doesNotContain(LocalReceiver.ROUTING_KEY);
    }
}
