package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.tocsin.testing.InboxFixture;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Checks request bodies against PagerDuty's published Events API v2 OpenAPI document (a copy of
 * {@code shared/contracts/pagerduty-events-v2.openapi.json}; {@code ContractCopyTest} keeps it identical) and
 * against the limits that document leaves out ({@code shared/contracts/README.md}).
 */
public final class PagerDutyContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = "classpath:contracts/pagerduty-events-v2.openapi.json";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final JsonSchema ALERT = FACTORY.getSchema(SchemaLocation.of(
            SPEC + "#/paths/~1enqueue/post/requestBody/content/application~1json/schema"));
    private static final JsonSchema CHANGE = FACTORY.getSchema(SchemaLocation.of(
            SPEC + "#/paths/~1change~1enqueue/post/requestBody/content/application~1json/schema"));

    private PagerDutyContract() {
    }

    /**
     * The inbox the tests use, as a field: {@code @RegisterExtension final InboxFixture api =
     * PagerDutyContract.inbox();}. After each test, every request it received is checked against this
     * contract, and no line the SDK logged during the test may hold its routing key.
     */
    public static InboxFixture inbox() {
        return new InboxFixture().checkEachRequest(PagerDutyContract::assertValid).aroundEach(() -> {
            LogCapture logs = new LogCapture();
            return () -> {
                logs.close();
                // Whatever happened in the test, the routing key never reached a log line.
                assertThat(logs.lines()).noneMatch(l -> l.contains(InboxFixture.ROUTING_KEY));
            };
        });
    }

    /** Validates one request sent to {@code path} ({@code .../enqueue} or {@code .../change/enqueue}). */
    public static void assertValid(String path, byte[] body) {
        assertThat(body.length).as("request size").isLessThanOrEqualTo(512 * 1024);
        JsonNode node = read(body);
        boolean change = path.endsWith("/change/enqueue");
        Set<ValidationMessage> problems = (change ? CHANGE : ALERT).validate(node);
        assertThat(problems).as("schema problems of %s", new String(body, StandardCharsets.UTF_8)).isEmpty();
        assertThat(node.path("routing_key").asText()).matches("[A-Za-z0-9]{32}");
        JsonNode payload = node.path("payload");
        if (!change) {
            assertThat(node.path("dedup_key").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(255);
            assertThat(node.has("payload") || !node.path("event_action").asText().equals("trigger")).isTrue();
        }
        if (!payload.isMissingNode()) {
            assertThat(payload.path("summary").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(1024);
            if (payload.has("timestamp")) {
                OffsetDateTime.parse(payload.get("timestamp").asText()); // ISO 8601, or PagerDuty answers 400
            }
        }
        node.path("images").forEach(image -> assertThat(image.path("src").asText()).startsWith("https://"));
        if (change) {
            assertThat(node.has("images")).as("change events take links, not images").isFalse();
        }
    }

    public static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }
}
