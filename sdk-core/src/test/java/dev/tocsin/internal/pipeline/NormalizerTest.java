package dev.tocsin.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.event.Image;
import dev.tocsin.event.Link;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.text.Scrubber;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the normaliser fills in, derives, repairs and leaves out; scrubbing itself is NormalizerScrubbingTest's. */
class NormalizerTest {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
    private final Normalizer normalizer = new Normalizer("host-1", Clock.fixed(NOW, ZoneOffset.UTC));

    private static IllegalStateException failure() {
        return new IllegalStateException("pool exhausted", new java.io.IOException("connection reset"));
    }

    @Test
    void aBareTriggerGetsTheClientsSourceTheClocksTimeAnErrorSeverityAndAKeyFromItsSummary() {
        Alert out = normalizer.alert(Alert.trigger("disk full").build(), null);
        assertThat(out.action()).isEqualTo(Action.TRIGGER);
        assertThat(out.summary()).isEqualTo("disk full");
        assertThat(out.source()).isEqualTo("host-1");
        assertThat(out.severity()).isEqualTo(Severity.ERROR);
        assertThat(out.timestamp()).isEqualTo(NOW);
        assertThat(out.dedupKey()).isEqualTo(DedupKeys.ofMessage(null, "disk full")).startsWith("msg-");
        assertThat(out.component()).isNull();
        assertThat(out.group()).isNull();
        assertThat(out.type()).isNull();
        assertThat(out.details()).isEmpty();
        assertThat(out.links()).isEmpty();
        assertThat(out.images()).isEmpty();
    }

    @Test
    void whatTheCallerSetIsKept() {
        Instant at = Instant.parse("2025-12-31T23:59:00Z");
        Alert out = normalizer.alert(Alert.trigger("disk full").dedupKey("disk-full/db-1").source("db-1")
                .severity(Severity.WARNING).component("postgres").group("storage").type("capacity")
                .detail("free_mb", 12).timestamp(at).build(), null);
        assertThat(out.dedupKey()).isEqualTo("disk-full/db-1");
        assertThat(out.source()).isEqualTo("db-1");
        assertThat(out.severity()).isEqualTo(Severity.WARNING);
        assertThat(out.component()).isEqualTo("postgres");
        assertThat(out.group()).isEqualTo("storage");
        assertThat(out.type()).isEqualTo("capacity");
        assertThat(out.details()).containsExactly(Map.entry("free_mb", 12));
        assertThat(out.timestamp()).isEqualTo(at);
    }

    @Test
    void theDerivedKeyFollowsTheComponentAndTheMessageShapeNotItsNumbers() {
        String a = normalizer.alert(Alert.trigger("order 123 failed").component("billing").build(), null).dedupKey();
        String b = normalizer.alert(Alert.trigger("order 456 failed").component("billing").build(), null).dedupKey();
        String c = normalizer.alert(Alert.trigger("order 123 failed").component("shipping").build(), null).dedupKey();
        assertThat(a).isEqualTo(b).isEqualTo(DedupKeys.ofMessage("billing", "order 123 failed"));
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void anErrorGivesTheKeyTheExceptionAndAShortStackTrace() {
        IllegalStateException error = failure();
        Alert out = normalizer.alert(Alert.trigger("checkout failed").build(), error);
        assertThat(out.summary()).isEqualTo("checkout failed");
        assertThat(out.dedupKey()).isEqualTo(DedupKeys.of(error)).startsWith("IOException-");
        assertThat(out.details()).containsEntry("exception", "java.lang.IllegalStateException: pool exhausted");
        String trace = (String) out.details().get("stack_trace");
        assertThat(trace).isEqualTo(Normalizer.stackTrace(error))
                .startsWith("\tat " + NormalizerTest.class.getName() + ".failure(")
                .contains("Caused by: java.io.IOException: connection reset")
                .contains("more\n");
        long frames = trace.lines().filter(l -> l.startsWith("\tat ")).count();
        assertThat(frames).as("at most 12 frames for each of the two exceptions").isBetween(2L, 24L);
    }

    @Test
    void theCallersOwnKeyAndDetailsWinOverTheErrors() {
        Alert out = normalizer.alert(Alert.trigger("checkout failed").dedupKey("checkout")
                .detail("exception", "mine").build(), failure());
        assertThat(out.dedupKey()).isEqualTo("checkout");
        assertThat(out.details()).containsEntry("exception", "mine").containsKey("stack_trace");
    }

    @Test
    void aTriggerWithoutASummaryTakesTheErrorsOrAPlaceholder() {
        IllegalStateException error = failure();
        assertThat(normalizer.alert(Alert.trigger(null).build(), error).summary())
                .isEqualTo("java.lang.IllegalStateException: pool exhausted");
        assertThat(normalizer.alert(Alert.trigger("  \t ").build(), error).summary())
                .isEqualTo("java.lang.IllegalStateException: pool exhausted");
        Alert placeholder = normalizer.alert(Alert.trigger(null).component("cron").build(), null);
        assertThat(placeholder.summary()).isEqualTo("(no summary)");
        assertThat(placeholder.dedupKey()).isEqualTo(DedupKeys.ofMessage("cron", "(no summary)"));
    }

    @Test
    void anAcknowledgeOrResolveWithoutAKeyCannotBeSent() {
        assertThat(normalizer.alert(Alert.resolve(null).build(), null)).isNull();
        assertThat(normalizer.alert(Alert.resolve("   ").build(), null)).isNull();
        assertThat(normalizer.alert(Alert.acknowledge(null).build(), failure())).as("not even from an error")
                .isNull();
    }

    @Test
    void aResolveKeepsItsKeyAndNeedsNoSummary() {
        Alert out = normalizer.alert(Alert.resolve("disk-full/db-1").build(), null);
        assertThat(out.action()).isEqualTo(Action.RESOLVE);
        assertThat(out.dedupKey()).isEqualTo("disk-full/db-1");
        assertThat(out.summary()).isNull();
        assertThat(out.source()).isEqualTo("host-1");
        assertThat(out.severity()).isEqualTo(Severity.ERROR);
        assertThat(out.timestamp()).isEqualTo(NOW);
    }

    @Test
    void anInvalidKeyIsSanitizedNotDropped() {
        String key = "line one\nline two";
        Alert out = normalizer.alert(Alert.acknowledge(key).build(), null);
        assertThat(out.dedupKey()).isEqualTo(DedupKeys.sanitize(key)).isNotEqualTo(key).doesNotContain("\n");
    }

    @Test
    void theSummaryIsOneLineAndBounded() {
        Alert multiLine = normalizer.alert(Alert.trigger("first\nsecond\tthird").dedupKey("k").build(), null);
        assertThat(multiLine.summary()).isEqualTo("first second third");

        Alert longOne = normalizer.alert(Alert.trigger("x".repeat(5_000)).dedupKey("k").build(), null);
        assertThat(longOne.summary()).hasSize(Normalizer.MAX_SUMMARY).endsWith("…")
                .startsWith("x".repeat(Normalizer.MAX_SUMMARY - 1));
    }

    @Test
    void blankOneLineFieldsAreLeftOutAndLongOnesCut() {
        Alert out = normalizer.alert(Alert.trigger("s").dedupKey("k").source("   ").component("")
                .group("\n\t").type("t".repeat(1_000)).build(), null);
        assertThat(out.source()).as("blank: the client's").isEqualTo("host-1");
        assertThat(out.component()).isNull();
        assertThat(out.group()).isNull();
        assertThat(out.type()).hasSize(Normalizer.MAX_FIELD).endsWith("…");
    }

    @Test
    void aFieldWithASecretIsScrubbed() {
        Alert out = normalizer.alert(Alert.trigger("s").dedupKey("k").component("password=hunter2").build(), null);
        assertThat(out.component()).isEqualTo("password=" + Scrubber.MASK);
    }

    @Test
    void timestampsOutsideRfc3339AreClampedAndTheOriginalKeptInTheDetails() {
        Instant late = Instant.parse("+12000-01-01T00:00:00Z");
        Alert tooLate = normalizer.alert(Alert.trigger("s").dedupKey("k").timestamp(late).build(), null);
        assertThat(tooLate.timestamp()).isEqualTo(Normalizer.LATEST);
        assertThat(tooLate.details()).containsEntry(Normalizer.ORIGINAL_TIMESTAMP, late.toString());

        Instant early = Normalizer.EARLIEST.minusSeconds(1);
        Alert tooEarly = normalizer.alert(Alert.trigger("s").dedupKey("k").timestamp(early).build(), null);
        assertThat(tooEarly.timestamp()).isEqualTo(Normalizer.EARLIEST);
        assertThat(tooEarly.details()).containsEntry(Normalizer.ORIGINAL_TIMESTAMP, early.toString());

        Alert edge = normalizer.alert(Alert.trigger("s").dedupKey("k").timestamp(Normalizer.LATEST).build(), null);
        assertThat(edge.timestamp()).isEqualTo(Normalizer.LATEST);
        assertThat(edge.details()).doesNotContainKey(Normalizer.ORIGINAL_TIMESTAMP);
    }

    @Test
    void detailsAreMadePlain() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, "two", true));
        nested.put("object", new StringBuilder("text"));
        Alert out = normalizer.alert(Alert.trigger("s").dedupKey("k").detail("nested", nested).build(), null);
        assertThat(out.details()).containsOnlyKeys("nested");
        assertThat(out.details().get("nested")).isEqualTo(Map.of("list", List.of(1, "two", true), "object", "text"));
    }

    @Test
    void onlyValidWebLinksAreKeptAndImagesMustBeHttps() {
        Alert out = normalizer.alert(Alert.trigger("s").dedupKey("k")
                .link("https://grafana.example.com/d/1", "dashboard")
                .link("HTTP://runbooks.example.com/disk", "runbook\nline")
                .link("ftp://files.example.com/x", "ftp")
                .link("not a url", "junk")
                .link("/relative/path", "relative")
                .link(null, "none")
                .image("https://img.example.com/a.png", "https://example.com", "graph")
                .image("http://img.example.com/b.png", null, "plain http")
                .image("https://img.example.com/c.png", "javascript:alert(1)", "bad href")
                .build(), null);
        assertThat(out.links()).containsExactly(new Link("https://grafana.example.com/d/1", "dashboard"),
                new Link("http://runbooks.example.com/disk", "runbook line"));
        assertThat(out.images()).containsExactly(new Image("https://img.example.com/a.png", "https://example.com",
                "graph"), new Image("https://img.example.com/c.png", null, "bad href"));
    }

    @Test
    void atMostFiftyLinksAreKept() {
        Alert.Builder b = Alert.trigger("s").dedupKey("k");
        for (int i = 0; i < 60; i++) {
            b.link("https://example.com/" + i, "l" + i);
        }
        List<Link> links = normalizer.alert(b.build(), null).links();
        assertThat(links).hasSize(Normalizer.MAX_LINKS);
        assertThat(links.get(49).href()).isEqualTo("https://example.com/49");
    }

    @Test
    void urlsWithCredentialsAreMaskedAndOverLongOnesDropped() {
        assertThat(Normalizer.url("https://user:hunter2@example.com/x", false)).doesNotContain("hunter2")
                .startsWith("https://").contains("example.com/x");
        assertThat(Normalizer.url("https://example.com/" + "a".repeat(Normalizer.MAX_URL), false)).isNull();
        assertThat(Normalizer.url("https://example.com/ok", true)).isEqualTo("https://example.com/ok");
        assertThat(Normalizer.url("https:///no-host", false)).isNull();
        assertThat(Normalizer.url("", false)).isNull();
    }

    @Test
    void aChangeEventGetsDefaultsAndIsRepairedLikeAnAlert() {
        ChangeEvent out = normalizer.change(ChangeEvent.of("deployed v1.2.3"));
        assertThat(out.summary()).isEqualTo("deployed v1.2.3");
        assertThat(out.source()).isEqualTo("host-1");
        assertThat(out.timestamp()).isEqualTo(NOW);
        assertThat(out.details()).isEmpty();
        assertThat(out.links()).isEmpty();

        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<Link> links = new ArrayList<>();
        links.add(new Link("https://ci.example.com/build/7", "build"));
        links.add(new Link("mailto:ops@example.com", "mail"));
        ChangeEvent given = normalizer.change(new ChangeEvent("deployed\nv2", "ci", at,
                Map.of("token", "abc123", "version", "v2"), links));
        assertThat(given.summary()).isEqualTo("deployed v2");
        assertThat(given.source()).isEqualTo("ci");
        assertThat(given.timestamp()).isEqualTo(at);
        assertThat(given.details()).containsEntry("version", "v2").containsEntry("token", Scrubber.MASK);
        assertThat(given.links()).containsExactly(new Link("https://ci.example.com/build/7", "build"));
    }

    @Test
    void aChangeEventWithoutASummaryOrWithABadTimestampIsRepaired() {
        assertThat(normalizer.change(ChangeEvent.of(null)).summary()).isEqualTo("(no summary)");
        assertThat(normalizer.change(ChangeEvent.of(" \n ")).summary()).isEqualTo("(no summary)");
        Instant late = Instant.parse("+10000-01-01T00:00:00Z");
        ChangeEvent out = normalizer.change(new ChangeEvent("s", " ", late, null, null));
        assertThat(out.source()).isEqualTo("host-1");
        assertThat(out.timestamp()).isEqualTo(Normalizer.LATEST);
        assertThat(out.details()).containsExactly(Map.entry(Normalizer.ORIGINAL_TIMESTAMP, late.toString()));
        assertThat(out.links()).isEmpty();
    }

    @Test
    void theTimestampComesFromTheInjectedClockAtNormalisationTime() {
        Instant first = Instant.parse("2030-01-01T00:00:00Z");
        dev.tocsin.testing.MutableClock clock = new dev.tocsin.testing.MutableClock(first);
        Normalizer onClock = new Normalizer("host-2", clock);
        Alert a = Alert.trigger("s").dedupKey("k").build();
        assertThat(onClock.alert(a, null).timestamp()).isEqualTo(first);
        clock.advance(java.time.Duration.ofMinutes(5));
        assertThat(onClock.alert(a, null).timestamp()).isEqualTo(first.plusSeconds(300));
        assertThat(onClock.change(ChangeEvent.of("c")).timestamp()).isEqualTo(first.plusSeconds(300));
        assertThat(onClock.alert(a, null).source()).isEqualTo("host-2");
    }
}
