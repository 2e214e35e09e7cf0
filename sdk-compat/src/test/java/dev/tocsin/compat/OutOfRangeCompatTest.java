package dev.tocsin.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** With a real jar outside the supported range, {@code build()} fails with one message that says what to fix. */
class OutOfRangeCompatTest {

    @Test
    void jackson211FailsTheBuildWithOneClearMessage() throws Exception {
        String output = ChildJvm.run(BuildMain.class, "jackson",
                List.of("jackson-databind-", "jackson-core-", "jackson-annotations-"));

        assertThat(output).contains("refused UnsupportedLibraryException: tocsin: Jackson (jackson-databind) 2.11.4 is on "
                + "the class path; Tocsin needs 2.12.0 or a later 2.x; Jackson (jackson-core) 2.11.4 is on the class "
                + "path; Tocsin needs 2.12.0 or a later 2.x. Align the version")
                .doesNotContain("linkage error").doesNotContain("built ")
                .doesNotContain(LocalReceiver.ROUTING_KEY);
    }
}
