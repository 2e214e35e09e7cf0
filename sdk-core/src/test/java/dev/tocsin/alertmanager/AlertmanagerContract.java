package dev.tocsin.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.time.Instant;

/**
 * Checks request bodies against Alertmanager's published API v2 (v0.25) {@code postableAlerts} schema (a copy of
 * {@code shared/contracts/alertmanager-v2-v0.25.openapi.yaml}) and the rules the contract README adds.
 */
final class AlertmanagerContract {
    private static final JsonSchema POSTABLE_ALERTS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
            .getSchema(SchemaLocation.of("classpath:contracts/alertmanager-v2-v0.25.openapi.yaml#/definitions/postableAlerts"));

    private AlertmanagerContract() {
    }

    static void assertValid(JsonNode body) {
        assertThat(POSTABLE_ALERTS.validate(body)).as("schema problems of %s", body).isEmpty();
        for (JsonNode alert : body) {
            assertThat(alert.path("labels").size()).as("at least one label").isPositive();
            alert.path("labels").fieldNames().forEachRemaining(n -> assertThat(n).matches("[a-zA-Z_][a-zA-Z0-9_]*"));
            Instant starts = Instant.parse(alert.path("startsAt").asText());
            Instant ends = Instant.parse(alert.path("endsAt").asText());
            assertThat(ends).as("endsAt not before startsAt").isAfterOrEqualTo(starts);
        }
    }
}
