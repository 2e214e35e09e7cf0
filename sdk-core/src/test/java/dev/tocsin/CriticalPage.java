package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.spi.TocsinListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/** What the flood tests check of the one critical page sent in the middle of a flood. */
final class CriticalPage {
    private CriticalPage() {
    }

    /** Counts drops by their reason. */
    static final class Drops implements TocsinListener {
        final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();

        @Override
        public void dropped(String reason) {
            byReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
        }
    }

    /** The sends a quiet lane may make back to back under the default rate limit: half of 120 a minute. */
    static final int DEFAULT_BURST = 60;

    /**
     * Asserts the page was delivered within 5 s of its trigger call ({@code calledAt}, {@link System#nanoTime()}),
     * and that at most two requests reached the server between its call and it: the one in flight and one that had
     * taken the rate limiter's permit; and, if the flood had not used up the rate limit's burst when the page was
     * called, what was left of it (lesser events the lane sent while the dispatch thread worked through the queue
     * ahead of the page).
     *
     * @return the page's request body
     */
    static JsonNode deliveredNext(CompletableFuture<DeliveryResult> page, long calledAt, int requestsBefore,
            Supplier<List<JsonNode>> bodies) {
        Duration left = Duration.ofNanos(Math.max(1, calledAt + Duration.ofSeconds(5).toNanos() - System.nanoTime()));
        Awaitility.await().atMost(left).until(page::isDone);
        assertThat(page.join().status()).isEqualTo(Status.DELIVERED);
        List<JsonNode> received = bodies.get();
        int position = 0;
        while (!received.get(position).path("dedup_key").asText().equals("primary-db")) {
            position++;
        }
        assertThat(position - requestsBefore).isLessThanOrEqualTo(2 + Math.max(0, DEFAULT_BURST - requestsBefore));
        return received.get(position);
    }
}
