package dev.tocsin.logback;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.rules.MaintenanceSpec;
import dev.tocsin.rules.RuleSpec;
import dev.tocsin.testing.InboxFixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated {@code <rule>}, {@code <maintenance>} and flood settings, from fragments of the condition language and
 * arbitrary text, through Logback's configurator and through the adders: the appender never throws and either pages
 * with its rules or is a no-op with exactly one status error of its own; no status shows a routing key (the
 * appender's, or one given as a rule's {@code routingKey}). Seeded:
 * a failure names the seed and the case.
 */
class GeneratedRulesInLogbackXmlTest {
    private static final long SEED = Long.getLong("tocsin.generated.seed", 20260301L);
    private static final int CASES = 150;
    private static final String RULE_KEY = "GeneratedRuleKey0000000000000042";
    private static final String[] FRAGMENTS = {"summary", "severity", "logger", "exception", "mdc.env", "details.x",
        "component", "key", "source", "group", "class", "sumary", "mdc.", "details.", "==", "!=", "=", "contains",
        "matches", "in", "exists", "<", "<=", ">", ">=", "and", "or", "not", "(", ")", ",", "'", "\"", "all(", "any(",
        "true", "critical", "error", "P1", "'^com\\.example\\.'", "'(unclosed'", "'a{1,100000}'", "'x'", "3", "-1.5",
        "{component}", "{mdc.tenant}", "{details.x}", "{", "}", "${", "${env}", "$", ":-", "always", "never",
        "unless more than 5 in 10m", "unless more than 0 in 1s", "unless more than 100001 in 1h", "unless 3 in PT1M",
        "10 parsecs", "https://runbooks.example.com/{component}", "http://x", "ftp://x", "*", "mdc.*", "stack_trace",
        "false", "SAT,SUN", "MON", "FUNDAY", "02:00", "25:00", "2026-12-24T18:00", "Europe/Berlin", "UTC",
        "Mars/Olympus", "+02:00", "1 minute", "0", "200", "lots", "\\", "\u00e9", "\u2603", "\ud83d\udd14",
        "NAME_IS_UNDEFINED", " ", "\t", "\n"};
    private static final String CHARS = "abcxyzABC019 _-.,;:!?'\"()[]{}<>=*+/\\|&%$#@~^`\u00e9\u00df\u4e2d\u2603";

    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @Test
    void generatedLogbackXmlNeverBreaksTheAppender() {
        Random random = new Random(SEED);
        int paging = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = new Case(random, true);
            try (LogbackXml logback = new LogbackXml()) {
                TocsinAppender appender = logback.pager(api.endpoint(), ROUTING_KEY, c.xml(), Map.of("env", "x"));
                paging += outcome(c, i, logback.context, appender);
            }
        }
        assertThat(paging).as("cases that page, of %s", CASES).isBetween(CASES / 20, CASES - CASES / 20);
    }

    @Test
    void generatedSpecsGivenToTheAddersNeverBreakTheAppender() {
        Random random = new Random(SEED + 1);
        int paging = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = new Case(random, false);
            try (LogbackXml logback = new LogbackXml()) {
                TocsinAppender appender = new TocsinAppender();
                appender.setContext(logback.context);
                appender.setName("PAGER");
                appender.setRoutingKey(ROUTING_KEY);
                appender.setEndpoint(api.endpoint());
                c.apply(appender);
                appender.start();
                logback.logger("ROOT").addAppender(appender);
                paging += outcome(c, i, logback.context, appender);
            }
        }
        assertThat(paging).as("cases that page, of %s", CASES).isBetween(CASES / 20, CASES - CASES / 20);
    }

    /** 1 if the appender pages, 0 if it is a no-op; fails the case otherwise. */
    private static int outcome(Case c, int index, LoggerContext context, TocsinAppender appender) {
        String what = "seed " + SEED + ", case " + index + ":\n" + c.xml();
        try {
            context.getLogger("com.example.Orders").error("order failed", new IllegalStateException("timeout"));
        } catch (RuntimeException e) {
            throw new AssertionError("logging threw, " + what, e);
        }
        List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR && s.getOrigin() == appender).toList();
        assertThat(appender.isStarted()).as(what).isTrue();
        assertThat(context.getStatusManager().getCopyOfStatusList()).as(what)
                .noneMatch(s -> s.getMessage().contains(ROUTING_KEY) || s.getMessage().contains(RULE_KEY));
        if (errors.isEmpty()) {
            assertThat(appender.client()).as(what).isNotNull().isNotSameAs(Tocsin.noop());
            assertThat(appender.rules()).as(what).hasSize(c.rules.size());
            return 1;
        }
        assertThat(errors).as(what).hasSize(1);
        assertThat(errors.get(0).getMessage()).as(what).startsWith("Tocsin appender [PAGER] is not paging: tocsin: ")
                .containsAnyOf("rule ", "maintenance window ", "floodThreshold", "floodPeriod");
        assertThat(appender.client()).as(what).isSameAs(Tocsin.noop());
        return 0;
    }

    /** One generated configuration: its rules, windows and flood settings as field → value. */
    private static final class Case {
        final List<Map<String, String>> rules = new ArrayList<>();
        final List<Map<String, String>> windows = new ArrayList<>();
        final Map<String, String> flood = new LinkedHashMap<>();
        private final Random random;
        private final boolean xml;

        Case(Random random, boolean xml) {
            this.random = random;
            this.xml = xml;
            for (int n = random.nextInt(4); n > 0; n--) {
                Map<String, String> rule = new LinkedHashMap<>();
                put(rule, "name", 0.9, () -> random.nextInt(4) == 0 ? text() : "rule-" + rules.size());
                for (String field : ConfiguredRules.RULE_FIELDS.subList(1, ConfiguredRules.RULE_FIELDS.size())) {
                    put(rule, field, field.equals("route") ? 0.03 : field.equals("routingKey") ? 0.1 : 0.3,
                            () -> field.equals("routingKey") && random.nextBoolean() ? RULE_KEY : text());
                }
                rules.add(rule);
            }
            if (random.nextInt(4) == 0) {
                Map<String, String> window = new LinkedHashMap<>();
                put(window, "name", 0.9, () -> "window-" + random.nextInt(3));
                for (String field : ConfiguredRules.WINDOW_FIELDS.subList(1, ConfiguredRules.WINDOW_FIELDS.size())) {
                    put(window, field, 0.4, this::text);
                }
                windows.add(window);
            }
            put(flood, "floodThreshold", 0.1, this::text);
            put(flood, "floodPeriod", 0.1, this::text);
        }

        private void put(Map<String, String> into, String field, double chance, java.util.function.Supplier<String> v) {
            if (random.nextDouble() < chance) {
                into.put(field, v.get());
            }
        }

        /** Mostly fragments of the language, sometimes arbitrary characters. */
        private String text() {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(6); n >= 0; n--) {
                if (random.nextInt(5) == 0) {
                    for (int k = random.nextInt(12); k > 0; k--) {
                        b.append(xml ? CHARS.charAt(random.nextInt(CHARS.length())) : (char) random.nextInt(0x3000));
                    }
                } else {
                    b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                }
                if (random.nextBoolean()) {
                    b.append(' ');
                }
            }
            return b.toString();
        }

        String xml() {
            StringBuilder b = new StringBuilder();
            rules.forEach(r -> element(b, "rule", r));
            windows.forEach(w -> element(b, "maintenance", w));
            flood.forEach((k, v) -> b.append('<').append(k).append('>').append(escape(v)).append("</").append(k)
                    .append(">\n"));
            return b.toString();
        }

        private static void element(StringBuilder b, String name, Map<String, String> fields) {
            b.append('<').append(name).append(">\n");
            fields.forEach((k, v) -> b.append("  <").append(k).append('>').append(escape(v)).append("</").append(k)
                    .append(">\n"));
            b.append("</").append(name).append(">\n");
        }

        private static String escape(String v) {
            return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        void apply(TocsinAppender appender) {
            for (Map<String, String> r : rules) {
                RuleSpec spec = new RuleSpec();
                Map<String, java.util.function.Consumer<String>> setters = Map.ofEntries(
                        Map.entry("name", spec::setName), Map.entry("when", spec::setWhen),
                        Map.entry("suppress", spec::setSuppress), Map.entry("severity", spec::setSeverity),
                        Map.entry("route", spec::setRoute), Map.entry("routingKey", spec::setRoutingKey),
                        Map.entry("link", spec::setLink), Map.entry("linkText", spec::setLinkText),
                        Map.entry("note", spec::setNote), Map.entry("dedupKey", spec::setDedupKey),
                        Map.entry("dropDetails", spec::setDropDetails), Map.entry("stop", spec::setStop));
                r.forEach((k, v) -> setters.get(k).accept(v));
                appender.addRule(spec);
            }
            for (Map<String, String> w : windows) {
                MaintenanceSpec spec = new MaintenanceSpec();
                Map<String, java.util.function.Consumer<String>> setters = Map.of("name", spec::setName,
                        "days", spec::setDays, "from", spec::setFrom, "to", spec::setTo, "start", spec::setStart,
                        "end", spec::setEnd, "zone", spec::setZone, "when", spec::setWhen);
                w.forEach((k, v) -> setters.get(k).accept(v));
                appender.addMaintenance(spec);
            }
            Function<String, String> f = flood::get;
            if (f.apply("floodThreshold") != null) {
                appender.setFloodThreshold(f.apply("floodThreshold"));
            }
            if (f.apply("floodPeriod") != null) {
                appender.setFloodPeriod(f.apply("floodPeriod"));
            }
        }
    }
}
