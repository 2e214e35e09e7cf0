package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.Alert;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @Test
    void noMoreThanTheLimitIsSentPerPeriodAndNothingIsLost() {
        Duration period = Duration.ofMillis(500);
        Tocsin tocsin = api.track(api.builder().rateLimit(3, period).build());
        for (int i = 0; i < 10; i++) {
            tocsin.trigger(Alert.trigger("distinct failure " + i).dedupKey("k" + i).build());
        }
        assertThat(tocsin.flush(Duration.ofSeconds(15))).isTrue();
        assertThat(tocsin.stats().delivered()).isEqualTo(10);

        List<Long> times = api.requests(InboxFixture.ALERTS_PATH).stream()
                .map(r -> r.receivedAt().toEpochMilli()).sorted().toList();
        assertThat(times).hasSize(10);
        // No window of one period holds more than permits + 1 requests (sends are spread one per
        // period/permits; the +1 is a send late in its slot next to one early in the following slot),
        // less a little for the clock granularity of the server's log.
        for (int i = 4; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 4)).isGreaterThanOrEqualTo(period.toMillis() - 50);
        }
    }

    @Test
    void thePagerDutyLimitIsTheDefault() {
        var draft = Tocsin.builder().draft();
        assertThat(draft.ratePermits).isEqualTo(120);
        assertThat(draft.ratePeriod).isEqualTo(Duration.ofMinutes(1));
    }
}
