package dev.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PagerDutyRules} against PagerDuty's published schema of the Events API v2 (a copy of
 * {@code shared/contracts/pagerduty-events-v2.openapi.json}, the same as sdk-core's): over generated bodies, valid ones and
 * subtly broken ones (a field missing, null or of the wrong type, an enum misspelt, a timestamp not RFC 3339,
 * {@code custom_details} not an object, links and images broken), whatever the schema refuses the rules refuse too.
 * The rules may refuse more (PagerDuty's limits that the schema leaves out), never less.
 */
class PagerDutyRulesSchemaTest {
    private static final String NAME = "pagerduty-events-v2.openapi.json";
    private static final String SPEC = "classpath:contracts/" + NAME;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final JsonSchema ALERT = FACTORY.getSchema(SchemaLocation.of(
            SPEC + "#/paths/~1enqueue/post/requestBody/content/application~1json/schema"));
    private static final JsonSchema CHANGE = FACTORY.getSchema(SchemaLocation.of(
            SPEC + "#/paths/~1change~1enqueue/post/requestBody/content/application~1json/schema"));
    private static final int CASES = 600;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<Arguments> alerts() {
        return IntStream.range(0, CASES).mapToObj(seed -> Arguments.of(seed, new Generator(seed).alert()));
    }

    static Stream<Arguments> changes() {
        return IntStream.range(0, CASES).mapToObj(seed -> Arguments.of(seed, new Generator(seed).change()));
    }

    @ParameterizedTest(name = "alert #{0}: {1}")
    @MethodSource("alerts")
    void alertRulesAreNeverLooserThanTheSchema(int seed, JsonNode body) {
        assertNeverLooser(ALERT, body, PagerDutyRules.alert(bytes(body), body));
    }

    @ParameterizedTest(name = "change #{0}: {1}")
    @MethodSource("changes")
    void changeRulesAreNeverLooserThanTheSchema(int seed, JsonNode body) {
        assertNeverLooser(CHANGE, body, PagerDutyRules.change(bytes(body), body));
    }

    @Test
    void theGeneratorMakesBodiesBothTakeAndBodiesTheSchemaRefuses() {
        int[] alerts = tally(ALERT, alerts().map(a -> (JsonNode) a.get()[1]).toList(), true);
        int[] changes = tally(CHANGE, changes().map(a -> (JsonNode) a.get()[1]).toList(), false);
        // [both take it, the schema refuses it, only the rules refuse it]: each kind of case is there, the first two
        // many times (the third is PagerDuty's limits that the schema leaves out: blank summaries, bad URLs...)
        for (int[] tally : List.of(alerts, changes)) {
            assertThat(tally[0]).as("both take %s", java.util.Arrays.toString(tally)).isGreaterThan(CASES / 10);
            assertThat(tally[1]).as("the schema refuses %s", java.util.Arrays.toString(tally)).isGreaterThan(CASES / 10);
            assertThat(tally[2]).as("only the rules refuse %s", java.util.Arrays.toString(tally)).isPositive();
        }
    }

    @Test
    void theSchemaChecksFormatsAsTheRulesDo() {
        // the schema validator asserts date-time: a body that differs only by its timestamp is refused
        ObjectNode body = new Generator(1).validAlert();
        ((ObjectNode) body.get("payload")).put("timestamp", "yesterday");
        assertThat(ALERT.validate(body)).isNotEmpty();
        assertThat(PagerDutyRules.alert(bytes(body), body)).anyMatch(e -> e.contains("payload.timestamp"));
    }

    /** The same file as sdk-core's copy, which its {@code ContractCopyTest} keeps identical to {@code shared/}. */
    @Test
    void theCopyIsCoresCopyOfTheSharedContract() throws Exception {
        Path core = Path.of("../sdk-core/src/test/resources/contracts", NAME);
        assertThat(PagerDutyRulesSchemaTest.class.getResourceAsStream("/contracts/" + NAME).readAllBytes())
                .isEqualTo(Files.readAllBytes(core));
    }

    private static void assertNeverLooser(JsonSchema schema, JsonNode body, List<String> rules) {
        Set<ValidationMessage> problems = schema.validate(body);
        if (!problems.isEmpty()) {
            assertThat(rules).as("the schema refuses %s (%s), so the rules must", body, problems).isNotEmpty();
        }
    }

    private static int[] tally(JsonSchema schema, List<JsonNode> bodies, boolean alert) {
        int[] out = new int[3];
        for (JsonNode body : bodies) {
            boolean schemaRefuses = !schema.validate(body).isEmpty();
            List<String> rules = alert ? PagerDutyRules.alert(bytes(body), body) : PagerDutyRules.change(bytes(body), body);
            out[schemaRefuses ? 1 : rules.isEmpty() ? 0 : 2]++;
        }
        return out;
    }

    private static byte[] bytes(JsonNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One seed, one body: valid first, then a few breakages of the kinds clients get wrong. */
    private static final class Generator {
        private static final String[] ACTIONS = {"trigger", "acknowledge", "resolve"};
        private static final String[] SEVERITIES = {"critical", "error", "warning", "info"};
        private static final String[] BAD_ENUMS = {"Trigger", "triggered", "", " info", "fatal", "CRITICAL", "warn",
            "ack", "resolved"};
        private static final String[] TIMESTAMPS = {"2026-01-01T00:00:00Z", "2026-01-01T00:00:00.123Z",
            "2026-06-30T23:59:59.123456789+02:00", "2026-01-01t00:00:00z", "2026-01-01T00:00:00-05:30"};
        private static final String[] BAD_TIMESTAMPS = {"2026-01-01", "2026-01-01T00:00Z", "2026-01-01 00:00:00Z",
            "yesterday", "2026-13-01T00:00:00Z", "2026-01-01T00:00:00", "2026-01-01T00:00:00+0100",
            "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z", "+12026-01-01T00:00:00Z", "2026-01-01T00:00:00+01:00:30",
            "2026-1-01T00:00:00Z", "", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:60Z", "2026-01-01T00:00:00-00:00"};
        private static final String[] URLS = {"https://example.com/a", "http://127.0.0.1:8080/x?y=1",
            "https://runbooks.example.com/pay#step-2"};
        private static final String[] BAD_URLS = {"not a url", "", "example.com/path", "http://", "://nowhere",
            "javascript:alert(1)", "ftp://example.com/f"};
        private final Random random;

        Generator(long seed) {
            this.random = new Random(20_261_203L * 31 + seed);
        }

        JsonNode alert() {
            ObjectNode body = validAlert();
            return broken(body, true);
        }

        JsonNode change() {
            ObjectNode body = NODES.objectNode().put("routing_key", IncidentInbox.ROUTING_KEY);
            ObjectNode payload = body.putObject("payload").put("summary", text());
            if (random.nextBoolean()) {
                payload.put("source", text());
            }
            if (random.nextBoolean()) {
                payload.put("timestamp", pick(TIMESTAMPS));
            }
            if (random.nextBoolean()) {
                payload.set("custom_details", details());
            }
            if (random.nextBoolean()) {
                body.set("links", links());
            }
            return broken(body, false);
        }

        ObjectNode validAlert() {
            String action = random.nextInt(3) == 0 ? pick(ACTIONS) : "trigger";
            ObjectNode body = NODES.objectNode().put("routing_key", IncidentInbox.ROUTING_KEY).put("event_action", action);
            if (!action.equals("trigger") || random.nextBoolean()) {
                body.put("dedup_key", random.nextInt(5) == 0 ? "k/" + text() : "key-" + random.nextInt(1000));
            }
            if (action.equals("trigger")) {
                ObjectNode payload = body.putObject("payload").put("summary", text()).put("source", text())
                        .put("severity", pick(SEVERITIES));
                for (String field : new String[] {"component", "group", "class"}) {
                    if (random.nextBoolean()) {
                        payload.put(field, text());
                    }
                }
                if (random.nextBoolean()) {
                    payload.put("timestamp", pick(TIMESTAMPS));
                }
                if (random.nextBoolean()) {
                    payload.set("custom_details", details());
                }
                if (random.nextBoolean()) {
                    body.put("client", text()).put("client_url", pick(URLS));
                }
                if (random.nextBoolean()) {
                    body.set("links", links());
                }
                if (random.nextInt(3) == 0) {
                    ArrayNode images = body.putArray("images");
                    images.addObject().put("src", "https://example.com/graph.png").put("href", pick(URLS))
                            .put("alt", text());
                }
            }
            return body;
        }

        /** Most bodies get one to three breakages; one in four stays valid. */
        private JsonNode broken(ObjectNode body, boolean alert) {
            if (random.nextInt(4) == 0) {
                return body;
            }
            int breakages = 1 + random.nextInt(3);
            for (int i = 0; i < breakages; i++) {
                breakOnce(body, alert);
            }
            return body;
        }

        private void breakOnce(ObjectNode body, boolean alert) {
            ObjectNode payload = body.get("payload") instanceof ObjectNode p ? p : null;
            switch (random.nextInt(11)) {
                case 0 -> remove(body);
                case 1 -> {
                    if (payload != null) {
                        remove(payload);
                    }
                }
                case 2 -> body.set(pick(topFields(alert)), wrongValue());
                case 3 -> {
                    if (payload != null) {
                        payload.set(pick(payloadFields(alert)), wrongValue());
                    }
                }
                case 4 -> {
                    if (alert) {
                        body.put("event_action", pick(BAD_ENUMS));
                    } else if (payload != null) {
                        payload.put("summary", pick(BAD_ENUMS));
                    }
                }
                case 5 -> {
                    if (payload != null && alert) {
                        payload.put("severity", pick(BAD_ENUMS));
                    } else if (payload != null) {
                        payload.put("timestamp", pick(BAD_TIMESTAMPS));
                    }
                }
                case 6 -> {
                    if (payload != null) {
                        payload.put("timestamp", pick(BAD_TIMESTAMPS));
                    }
                }
                case 7 -> {
                    if (payload != null) {
                        payload.set("custom_details", pick(List.of(NODES.textNode("details"), NODES.numberNode(3),
                                NODES.arrayNode().add(1), NODES.nullNode(), NODES.booleanNode(true))));
                    }
                }
                case 8 -> body.set(random.nextBoolean() ? "links" : "images", brokenLinks());
                case 9 -> {
                    // an acknowledge or resolve that keeps a payload, or loses its dedup key
                    if (alert) {
                        body.put("event_action", pick(new String[] {"acknowledge", "resolve"}));
                        if (random.nextBoolean()) {
                            body.remove("dedup_key");
                        }
                        if (body.get("payload") == null) {
                            body.putObject("payload").put("summary", text());
                        }
                    } else {
                        body.set("payload", wrongValue());
                    }
                }
                default -> body.put("x_unknown_" + random.nextInt(3), text()); // the schema allows more fields
            }
        }

        private void remove(ObjectNode node) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            if (!names.isEmpty()) {
                node.remove(pick(names));
            }
        }

        private String[] topFields(boolean alert) {
            return alert ? new String[] {"routing_key", "event_action", "dedup_key", "payload", "client", "client_url",
                "links", "images"} : new String[] {"routing_key", "payload", "links"};
        }

        private String[] payloadFields(boolean alert) {
            return alert ? new String[] {"summary", "source", "severity", "component", "group", "class", "timestamp",
                "custom_details"} : new String[] {"summary", "source", "timestamp", "custom_details"};
        }

        private JsonNode wrongValue() {
            return pick(List.of(NODES.nullNode(), NODES.numberNode(random.nextInt(100)), NODES.booleanNode(false),
                    NODES.arrayNode().add(text()), NODES.objectNode().put("v", text()), NODES.textNode(""),
                    NODES.numberNode(1.5)));
        }

        private JsonNode brokenLinks() {
            return switch (random.nextInt(7)) {
                case 0 -> NODES.textNode(pick(URLS));
                case 1 -> NODES.arrayNode().add(pick(URLS));
                case 2 -> NODES.arrayNode().add(NODES.objectNode().put("text", text()));
                case 3 -> NODES.arrayNode().add(NODES.objectNode().set("href", wrongValue()));
                case 4 -> NODES.arrayNode().add(NODES.objectNode().put("href", pick(BAD_URLS)).put("src", pick(BAD_URLS)));
                case 5 -> NODES.arrayNode().add(NODES.objectNode().put("href", pick(URLS)).put("src", pick(URLS))
                        .set(random.nextBoolean() ? "text" : "alt", wrongValue()));
                default -> NODES.arrayNode().add(NODES.objectNode().put("src", pick(URLS)).set("href", wrongValue()));
            };
        }

        private ArrayNode links() {
            ArrayNode links = NODES.arrayNode();
            for (int i = random.nextInt(3); i >= 0; i--) {
                ObjectNode link = links.addObject().put("href", pick(URLS));
                if (random.nextBoolean()) {
                    link.put("text", text());
                }
            }
            return links;
        }

        private ObjectNode details() {
            ObjectNode details = NODES.objectNode();
            details.put("attempts", random.nextInt(10)).put("note", text());
            if (random.nextBoolean()) {
                details.putArray("list").add(1).add("two");
                details.putNull("nothing");
            }
            return details;
        }

        private String text() {
            String[] words = {"payment", "failed", "disk", "Zürich", "東京", "<b>", "\"quoted\"", "db-1", "🔥", "a b"};
            StringBuilder out = new StringBuilder(words[random.nextInt(words.length)]);
            for (int i = random.nextInt(3); i > 0; i--) {
                out.append(' ').append(words[random.nextInt(words.length)]);
            }
            return out.toString();
        }

        private String pick(String[] values) {
            return values[random.nextInt(values.length)];
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }
}
