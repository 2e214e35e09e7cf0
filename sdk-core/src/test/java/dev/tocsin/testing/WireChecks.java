package dev.tocsin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.PagerDutyContract;
import java.nio.charset.StandardCharsets;

/**
 * What every request must be beyond PagerDuty's schema: RFC 3339 timestamps with a four-digit year, dedup keys
 * within 255 characters, no generated secret anywhere in the body.
 */
public final class WireChecks {
    private WireChecks() {
    }

    /** Checks one request sent to {@code url}; {@code context} says which generated case sent it. */
    public static void assertSound(String url, byte[] body, String context) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            PagerDutyContract.assertValid(url, body);
        } catch (AssertionError e) {
            throw new AssertionError(context + ": request breaks PagerDuty's contract: " + shorten(e.getMessage()));
        }
        JsonNode node = PagerDutyContract.read(body);
        JsonNode timestamp = node.path("payload").path("timestamp");
        if (!timestamp.isMissingNode()) {
            assertThat(timestamp.asText()).as("%s: timestamp", context).matches("\\d{4}-\\d{2}-\\d{2}T.*");
        }
        if (node.has("dedup_key")) {
            assertThat(node.path("dedup_key").asText()).as("%s: dedup key", context).hasSizeLessThanOrEqualTo(255);
        }
        if (text.contains(Hostile.SECRET)) {
            int at = text.indexOf(Hostile.SECRET);
            throw new AssertionError(context + ": a generated secret reached the wire: …"
                    + text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 40)) + "…");
        }
    }

    /** The start and the end of a long message: the body comes first, the schema's complaint last. */
    static String shorten(String message) {
        if (message == null || message.length() <= 2400) {
            return message;
        }
        return message.substring(0, 600) + " … " + message.substring(message.length() - 1800);
    }
}
