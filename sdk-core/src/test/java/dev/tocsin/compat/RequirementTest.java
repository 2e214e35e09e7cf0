package dev.tocsin.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The version check's logic, with version strings as libraries write them. */
class RequirementTest {

    private static Requirement jackson(String found, boolean probe) {
        return new Requirement("Jackson (jackson-databind)", "2.12.0", 3, () -> found, () -> probe);
    }

    @Test
    void versionsInsideTheRangePass() {
        for (String v : new String[] {"2.12.0", "2.12.7", "2.12.7.1", "2.13.0-rc1", "2.22.4", "2.99"}) {
            assertThat(jackson(v, false).problem()).as(v).isNull();
        }
    }

    @Test
    void aVersionBelowTheFloorNamesLibraryFoundAndNeeded() {
        assertThat(jackson("2.11.4", true).problem()).isEqualTo(
                "Jackson (jackson-databind) 2.11.4 is on the class path; Tocsin needs 2.12.0 or a later 2.x");
        assertThat(jackson("2.9.10.8", true).problem()).contains("2.9.10.8");
        assertThat(jackson("1.9.13", true).problem()).contains("1.9.13");
    }

    @Test
    void theCeilingMajorVersionIsOutside() {
        assertThat(jackson("3.0.0", true).problem()).contains("3.0.0 is on the class path");
        Requirement resilience = new Requirement("Resilience4j", "1.7.1", 3, () -> "3.0.0-RC1", () -> true);
        assertThat(resilience.problem()).endsWith("Tocsin needs 1.7.1 to 2.x");
    }

    @Test
    void theFloorComparesEveryNumber() {
        Requirement r = new Requirement("Resilience4j", "1.7.1", 3, () -> "1.7.0", () -> true);
        assertThat(r.problem()).contains("1.7.0");
        assertThat(new Requirement("R", "1.7.1", 3, () -> "1.7.1", () -> false).problem()).isNull();
        assertThat(new Requirement("R", "1.7.1", 3, () -> "1.8", () -> false).problem()).isNull();
        assertThat(new Requirement("R", "1.7.1", 3, () -> "2.0.0", () -> false).problem()).isNull();
    }

    @Test
    void anUnknownVersionIsDecidedByTheProbe() {
        for (String unknown : new String[] {null, "", "  ", "unknown", "${project.version}",
                "99999999999.0"}) {
            assertThat(jackson(unknown, true).problem()).as(unknown).isNull();
            assertThat(jackson(unknown, false).problem()).as(unknown).isEqualTo(
                    "Jackson (jackson-databind) (version unknown) lacks what Tocsin calls; "
                            + "Tocsin needs 2.12.0 or a later 2.x");
        }
    }

    @Test
    void aFailingReaderOrProbeCountsAsUnknownOrMissing() {
        Requirement broken = new Requirement("X", "1.0.0", 2, () -> {
            throw new NoClassDefFoundError("x/Version");
        }, () -> {
            throw new NoSuchMethodError("x");
        });
        assertThat(broken.found()).isNull();
        assertThat(broken.problem()).startsWith("X (version unknown)");
    }

    @Test
    void theMessageOfSeveralProblemsIsOneSentence() {
        String message = Compatibility.message(java.util.List.of("A 1 is on the class path; Tocsin needs 2.0.0 or a "
                + "later 2.x", "B 0.9 is on the class path; Tocsin needs 1.0.0 to 2.x"));
        assertThat(message).startsWith("tocsin: A 1 is on").contains("; B 0.9 is on").contains("README")
                .doesNotContain("\n");
    }
}
