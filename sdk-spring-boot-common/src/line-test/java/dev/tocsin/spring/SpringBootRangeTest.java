package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.compat.UnsupportedLibraryException;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootVersion;

/**
 * Each starter runs on its own Spring Boot line; any other version it can read is refused with one message that
 * names the starter for that version, and so are no starter and two starters.
 */
class SpringBootRangeTest {

    private static void check(String version) {
        new SpringBootRange(() -> version).check();
    }

    static Stream<String> inside() {
        return BootLine.INSIDE.stream();
    }

    static Stream<String> outside() {
        return BootLine.OUTSIDE.stream();
    }

    @ParameterizedTest
    @MethodSource("outside")
    void aVersionOutsideTheLineIsRefusedNamingSpringBootTheVersionTheRangeAndTheStarter(String version) {
        assertThatThrownBy(() -> check(version))
                .isInstanceOf(UnsupportedLibraryException.class)
                .hasMessageStartingWith("tocsin: Spring Boot " + version + " is on the class path; " + BootLine.ARTIFACT
                        + " needs ")
                .hasNoCause()
                .matches(e -> SpringBootRange.refused((UnsupportedLibraryException) e), "is the range check's");
    }

    @Test
    void aVersionOfTheOtherLineIsToldTheOtherStarter() {
        assertThatThrownBy(() -> check(BootLine.OUTSIDE.get(0)))
                .hasMessageEndingWith(" use dev.tocsin:" + BootLine.OTHER_ARTIFACT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.0.0", "4.1.2", "4.0.0-M3", "4.2.0-SNAPSHOT", " 4.1.2 ", "4.x-SNAPSHOT"})
    void theFourStarterAcceptsAFourAndRefusesTheRest(String version) {
        SpringBootRange.Line four = SpringBootRange.LINES.get(1);
        assertThatCode(() -> new SpringBootRange(List.of(four), () -> version).check()).doesNotThrowAnyException();
        assertThatThrownBy(() -> new SpringBootRange(List.of(SpringBootRange.LINES.get(0)), () -> version).check())
                .hasMessage("tocsin: Spring Boot " + version + " is on the class path; tocsin-spring-boot3-starter "
                        + "needs 3.5.0 or a later 3.x; for Spring Boot 4 use dev.tocsin:tocsin-spring-boot-starter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.5.0", "3.5.7", "3.5.16", "3.6.0-SNAPSHOT"})
    void theThreeFiveStarterAcceptsAThreeFiveAndRefusesTheRest(String version) {
        assertThatCode(() -> new SpringBootRange(List.of(SpringBootRange.LINES.get(0)), () -> version).check())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new SpringBootRange(List.of(SpringBootRange.LINES.get(1)), () -> version).check())
                .hasMessage("tocsin: Spring Boot " + version + " is on the class path; tocsin-spring-boot-starter "
                        + "needs 4.0.0 or a later 4.x; for Spring Boot 3.5 use dev.tocsin:tocsin-spring-boot3-starter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.4.9", "2.7.18", "5.0.0"})
    void aVersionOfNoLineIsRefusedWithoutAStarterToTurnTo(String version) {
        for (SpringBootRange.Line line : SpringBootRange.LINES) {
            assertThatThrownBy(() -> new SpringBootRange(List.of(line), () -> version).check())
                    .hasMessageNotContaining(" use dev.tocsin:");
        }
    }

    @ParameterizedTest
    @MethodSource("inside")
    void aVersionOfTheLineIsAccepted(String version) {
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
    void noStarterIsRefusedNamingBoth() {
        assertThatThrownBy(() -> new SpringBootRange(List.of(), () -> "4.1.2").check())
                .hasMessage("tocsin: no Tocsin starter is on the class path, only tocsin-spring-boot-common, which "
                        + "does nothing on its own; depend on dev.tocsin:tocsin-spring-boot3-starter (Spring Boot 3.5)"
                        + " or dev.tocsin:tocsin-spring-boot-starter (Spring Boot 4)")
                .matches(e -> SpringBootRange.refused((UnsupportedLibraryException) e), "is the range check's");
    }

    @Test
    void twoCopiesOfOneStarterAreOneStarter() {
        SpringBootRange.Line four = SpringBootRange.LINES.get(1);
        assertThatCode(() -> new SpringBootRange(List.of(four, four), () -> "4.1.2").check())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new SpringBootRange(List.of(four, four), () -> "3.5.7").check())
                .hasMessageContaining("tocsin-spring-boot-starter needs 4.0.0");
    }

    @Test
    void twoStartersAreRefused() {
        assertThatThrownBy(() -> new SpringBootRange(SpringBootRange.LINES, () -> "4.1.2").check())
                .hasMessageStartingWith("tocsin: 2 Tocsin starters are on the class path (tocsin-spring-boot3-starter, "
                        + "tocsin-spring-boot-starter); keep only the one for your Spring Boot")
                .matches(e -> SpringBootRange.refused((UnsupportedLibraryException) e), "is the range check's");
    }

    @Test
    void startersThatCannotBeLookedUpAreNotRefused() {
        assertThatCode(() -> new SpringBootRange(null, () -> "1.0.0").check()).doesNotThrowAnyException();
    }

    @Test
    void theLineIsReadFromEachStartersResourceAndAnUnreadableOneIsLeftOut(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good.properties"),
                "artifact=tocsin-spring-boot3-starter\nline=3.5\nfloor=3.5.0\nceiling=4\n");
        Path bad = Files.writeString(dir.resolve("bad.properties"), "artifact=x\nceiling=four\n");
        ClassLoader loader = new ClassLoader(null) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                assertThat(name).isEqualTo(SpringBootRange.Line.RESOURCE);
                return Collections.enumeration(List.of(good.toUri().toURL(), bad.toUri().toURL()));
            }
        };
        assertThat(SpringBootRange.Line.onClassPath(loader)).containsExactly(SpringBootRange.LINES.get(0));
        ClassLoader failing = new ClassLoader(null) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                throw new IOException("closed");
            }
        };
        assertThat(SpringBootRange.Line.onClassPath(failing)).isNull();
    }

    @Test
    void theStarterAndSpringBootOfThisBuildAreReadAndAccepted() {
        assertThat(SpringBootRange.Line.onClassPath(getClass().getClassLoader()))
                .extracting(SpringBootRange.Line::artifact).containsExactly(BootLine.ARTIFACT);
        assertThat(SpringBootVersion.getVersion()).startsWith(BootLine.NAME + ".");
        assertThatCode(() -> SpringBootRange.onClassPath().check()).doesNotThrowAnyException();
    }
}
