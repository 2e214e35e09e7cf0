package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.expr.EventFields;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.report.RateLimitedLog;
import dev.tocsin.internal.rules.RuleEngine;
import dev.tocsin.logback.TocsinAppender;
import dev.tocsin.rules.Condition;
import dev.tocsin.rules.Rule;
import dev.tocsin.rules.RuleSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

/**
 * One rule set written three ways — {@code application.yml} (bound as the starter binds {@code tocsin.rules}),
 * {@code logback.xml} (read by Logback's own configurator into the appender) and code — makes the same rules and the
 * same decision for each of 2,000 generated events, on one clock.
 */
class RulesEquivalenceTest {
    static final String SECOND_KEY = "Second0Key0For0Tests00000000abcd";

    static final String YAML = """
            tocsin:
              rules:
                - name: flaky-dns
                  when: "exception == 'java.net.UnknownHostException' and details.env == staging"
                  suppress: always
                - name: pod-restarts
                  when: "summary matches 'pod .* restarted'"
                  suppress: unless more than 3 in 10m
                - name: p1
                  when: "severity == critical and component in (api, database, auth)"
                  link: "https://runbooks.example.com/{component}?key={key}"
                  link-text: Emergency runbook
                  note: "P1 for {mdc.tenant}"
                  stop: true
                - name: search
                  when: "component == search or logger matches '^com\\\\.example\\\\.search'"
                  routing-key: %s
                  severity: warning
                - name: per-cluster
                  when: "details.cluster exists and not (severity == info)"
                  dedup-key: "db-{details.cluster}"
                  drop-details: "stack_trace, mdc.*"
                - name: slow
                  when: "details.latency_ms >= 500"
                  severity: P2
            """.formatted(SECOND_KEY);

    static final String XML = """
            <configuration>
              <appender name="PAGER" class="dev.tocsin.logback.TocsinAppender">
                <routingKey>TocsinInboxTestKeyForTests000abc</routingKey>
                <endpoint>http://127.0.0.1:9/v2/enqueue</endpoint>
                <rule>
                  <name>flaky-dns</name>
                  <when>exception == 'java.net.UnknownHostException' and details.env == staging</when>
                  <suppress>always</suppress>
                </rule>
                <rule>
                  <name>pod-restarts</name>
                  <when>summary matches 'pod .* restarted'</when>
                  <suppress>unless more than 3 in 10m</suppress>
                </rule>
                <rule>
                  <name>p1</name>
                  <when>severity == critical and component in (api, database, auth)</when>
                  <link>https://runbooks.example.com/{component}?key={key}</link>
                  <linkText>Emergency runbook</linkText>
                  <note>P1 for {mdc.tenant}</note>
                  <stop>true</stop>
                </rule>
                <rule>
                  <name>search</name>
                  <when>component == search or logger matches '^com\\\\.example\\\\.search'</when>
                  <routingKey>%s</routingKey>
                  <severity>warning</severity>
                </rule>
                <rule>
                  <name>per-cluster</name>
                  <when>details.cluster exists and not (severity == info)</when>
                  <dedupKey>db-{details.cluster}</dedupKey>
                  <dropDetails>stack_trace, mdc.*</dropDetails>
                </rule>
                <rule>
                  <name>slow</name>
                  <when>details.latency_ms &gt;= 500</when>
                  <severity>P2</severity>
                </rule>
              </appender>
              <root level="OFF"><appender-ref ref="PAGER"/></root>
            </configuration>
            """.formatted(SECOND_KEY);

    static List<Rule> inCode() {
        return List.of(
                Rule.named("flaky-dns").when(Condition.field("exception").equalTo("java.net.UnknownHostException")
                        .and(Condition.field("details.env").equalTo("staging"))).suppress().build(),
                Rule.named("pod-restarts").when(Condition.field("summary").matches("pod .* restarted"))
                        .suppressUnlessMoreThan(3, Duration.ofMinutes(10)).build(),
                Rule.named("p1").when(Condition.field("severity").equalTo("critical")
                                .and(Condition.field("component").in("api", "database", "auth")))
                        .link("https://runbooks.example.com/{component}?key={key}", "Emergency runbook")
                        .note("P1 for {mdc.tenant}").stop().build(),
                Rule.named("search").when(Condition.field("component").equalTo("search")
                                .or(Condition.field("logger").matches("^com\\.example\\.search")))
                        .routingKey(SECOND_KEY).severity(Severity.WARNING).build(),
                Rule.named("per-cluster").when(Condition.field("details.cluster").exists()
                                .and(Condition.not(Condition.field("severity").equalTo("info"))))
                        .dedupKey("db-{details.cluster}").dropDetails("stack_trace", "mdc.*").build(),
                Rule.named("slow").when(Condition.field("details.latency_ms").atLeast(500)).severity(Severity.ERROR)
                        .build());
    }

    static List<Rule> fromYaml() throws Exception {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application.yml",
                new ByteArrayResource(YAML.getBytes(StandardCharsets.UTF_8)));
        Binder binder = new Binder(ConfigurationPropertySources.from(sources));
        List<RuleSpec> specs = binder.bind("tocsin.rules", Bindable.listOf(RuleSpec.class)).get();
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            rules.add(specs.get(i).toRule(i + 1));
        }
        return rules;
    }

    static List<Rule> fromXml() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(XML.getBytes(StandardCharsets.UTF_8)));
        try {
            TocsinAppender appender = (TocsinAppender) context.getLogger("ROOT").getAppender("PAGER");
            if (appender == null) { // not attached to a logger: find it among the configured appenders
                appender = (TocsinAppender) context.getObject("PAGER");
            }
            return appender.rules();
        } finally {
            context.stop();
        }
    }

    @Test
    void yamlXmlAndCodeMakeTheSameRulesAndTheSameDecisions() throws Exception {
        List<Rule> code = inCode();
        List<Rule> yaml = fromYaml();
        List<Rule> xml = fromXml();
        assertThat(yaml).extracting(Rule::toString).containsExactlyElementsOf(code.stream().map(Rule::toString)
                .toList());
        assertThat(xml).extracting(Rule::toString).containsExactlyElementsOf(code.stream().map(Rule::toString)
                .toList());

        Map<String, String> keyRoutes = Map.of(SECOND_KEY, "second");
        RuleEngine[] engines = {engine(code, keyRoutes), engine(yaml, keyRoutes), engine(xml, keyRoutes)};
        Random random = new Random(0x70C5_1A_15L);
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        int suppressed = 0;
        int changed = 0;
        for (int i = 0; i < 2000; i++) {
            now = now.plusSeconds(random.nextInt(120));
            EventFields event = event(random);
            RuleEngine.Outcome first = engines[0].evaluate(event, now);
            for (int e = 1; e < engines.length; e++) {
                RuleEngine.Outcome other = engines[e].evaluate(event, now);
                assertThat(other).as("event %d from %s", i, e == 1 ? "YAML" : "XML").isEqualTo(first);
            }
            suppressed += first.alert() == null ? 1 : 0;
            changed += first.changed() ? 1 : 0;
        }
        assertThat(suppressed).as("the set suppresses some").isBetween(50, 1950);
        assertThat(changed).as("and changes some").isBetween(50, 1950);
    }

    private static RuleEngine engine(List<Rule> rules, Map<String, String> keyRoutes) {
        return new RuleEngine(rules, keyRoutes, new Counters(List.of()),
                new RateLimitedLog(LoggerFactory.getLogger(RulesEquivalenceTest.class), Clock.systemUTC(),
                        Duration.ofSeconds(30)));
    }

    private static final String[] SUMMARIES = {"pod web-1 restarted", "gateway timeout", "lookup failed",
        "pod db-2 restarted after OOM", "checkout slow"};
    private static final String[] COMPONENTS = {"api", "database", "auth", "search", "checkout", null};
    private static final String[] LOGGERS = {"com.example.search.Index", "com.example.api.Gateway", "org.other"};

    private static EventFields event(Random r) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("logger", LOGGERS[r.nextInt(LOGGERS.length)]);
        if (r.nextBoolean()) {
            details.put("env", r.nextBoolean() ? "staging" : "prod");
        }
        if (r.nextInt(3) == 0) {
            details.put("cluster", r.nextBoolean() ? "eu" : "us");
        }
        if (r.nextBoolean()) {
            details.put("latency_ms", r.nextInt(1000));
        }
        details.put("stack_trace", "at x");
        details.put("mdc.user", "u" + r.nextInt(3));
        Severity severity = Severity.values()[r.nextInt(Severity.values().length)];
        Alert alert = new Alert(Action.TRIGGER, "k" + r.nextInt(50), SUMMARIES[r.nextInt(SUMMARIES.length)], "host",
                severity, COMPONENTS[r.nextInt(COMPONENTS.length)], null, null, details, List.of(), List.of(),
                Instant.EPOCH);
        Throwable error = r.nextInt(4) == 0 ? new IllegalStateException("x", new java.net.UnknownHostException("h"))
                : null;
        return new EventFields(alert, error, r.nextBoolean() ? Map.of("tenant", "acme") : Map.of());
    }
}
