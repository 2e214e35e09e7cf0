package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.event.Alert;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Answer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OrderingTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @Test
    void triggerAcknowledgeResolveArriveInOrderWhateverRetriesHappen() {
        // Every second request fails, alternating 503 and a reset, for the first eight requests.
        List<Answer> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(i % 2 == 0
                    ? (i % 4 == 0 ? Answer.status(503) : Answer.connectionReset())
                    : Answer.normally());
        }
        answers.add(Answer.normally());
        api.answerInTurn(answers);

        Tocsin tocsin = api.client();
        for (int k = 0; k < 3; k++) {
            tocsin.trigger(Alert.trigger("disk full " + k).dedupKey("key-" + k).build());
            tocsin.acknowledge("key-" + k);
            tocsin.resolve("key-" + k);
        }
        assertThat(tocsin.flush(Duration.ofSeconds(20))).isTrue();

        List<JsonNode> bodies = api.alerts();
        for (int k = 0; k < 3; k++) {
            String key = "key-" + k;
            List<String> actions = bodies.stream().filter(b -> b.path("dedup_key").asText().equals(key))
                    .map(b -> b.path("event_action").asText())
                    .collect(Collectors.toList());
            // Failed attempts are repeated, but the first success of each action follows the previous one's.
            assertThat(dedupe(actions)).containsExactly("trigger", "acknowledge", "resolve");
        }
        assertThat(tocsin.stats().delivered()).isEqualTo(9);
        assertThat(tocsin.stats().retried()).isGreaterThanOrEqualTo(4);
    }

    private static List<String> dedupe(List<String> actions) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (String a : actions) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(a)) {
                out.add(a);
            }
        }
        return out;
    }
}
