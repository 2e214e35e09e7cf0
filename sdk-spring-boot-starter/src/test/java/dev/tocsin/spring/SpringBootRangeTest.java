package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.compat.UnsupportedLibraryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootVersion;

/** The starter runs on Spring Boot 4.x; any other version it can read is refused with one message. */
class SpringBootRangeTest {

    private static void check(String version) {
        new SpringBootRange(() -> version).check();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.5.7", "2.7.18", "5.0.0", "5.0.0-M1", "3.9.9-SNAPSHOT"})
    void aVersionOutsideFourIsRefusedNamingSpringBootTheVersionAndTheRange(String version) {
        assertThatThrownBy(() -> check(version))
                .isInstanceOf(UnsupportedLibraryException.class)
                .hasMessage("tocsin: Spring Boot " + version + " is on the class path; Tocsin needs 4.0.0 or a later 4.x")
                .hasNoCause()
                .matches(e -> SpringBootRange.refused((UnsupportedLibraryException) e), "is the range check's");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.0.0", "4.1.2", "4.0.0-M3", "4.2.0-SNAPSHOT", " 4.1.2 ", "4.x-SNAPSHOT"})
    void aFourIsAccepted(String version) {
        assertThatCode(() -> check(version)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"unknown", "x.4", "v4"})
    void aVersionThatCannotBeReadIsLetThrough(String version) {
        assertThatCode(() -> check(version)).doesNotThrowAnyException();
    }

    @Test
    void aVersionThatCannotBeReadBecauseReadingFailsIsLetThrough() {
        assertThatCode(() -> new SpringBootRange(() -> {
            throw new NoClassDefFoundError("org/springframework/boot/SpringBootVersion");
        }).check()).doesNotThrowAnyException();
    }

    @Test
    void theSpringBootOfThisBuildIsReadAndAccepted() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.");
        assertThatCode(() -> SpringBootRange.onClassPath().check()).doesNotThrowAnyException();
    }
}
