package dev.tocsin.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.compat.Requirement;
import org.junit.jupiter.api.Test;

/** The appender's Logback range; a real Logback 1.2 run is in the compatibility module. */
class LogbackVersionTest {

    @Test
    void thisBuildsLogbackIsInRange() {
        assertThat(LogbackVersion.problem()).isNull();
        assertThat(LogbackVersion.REQUIRED.supported()).isEqualTo("1.3.0 or a later 1.x");
    }

    @Test
    void logback12IsRefusedByName() {
        Requirement old = new Requirement(LogbackVersion.REQUIRED.library(), LogbackVersion.REQUIRED.floor(),
                LogbackVersion.REQUIRED.ceiling(), () -> "1.2.13", () -> false);
        assertThat(old.problem()).isEqualTo(
                "Logback (logback-classic) 1.2.13 is on the class path; Tocsin needs 1.3.0 or a later 1.x");
    }
}
