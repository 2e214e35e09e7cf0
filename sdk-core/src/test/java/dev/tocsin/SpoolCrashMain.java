package dev.tocsin;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testing.InboxFixture;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child of {@link SpoolCrashTest} and {@link SpoolBacklogTest}: accepts 1,000 events (triggers, acknowledges
 * and resolves over 50 keys) towards an endpoint that hangs or refuses, printing {@code persisted N} each time
 * events 0..N are durable ({@code not persisted N} when persist() says no), until it is killed.
 *
 * <p>Arguments: spool directory, endpoint, sync policy, and optionally the lane buffer capacity, the number of
 * events and persist()'s timeout in milliseconds.
 */
final class SpoolCrashMain {
    static final int EVENTS = 1_000;
    static final int KEYS = 50;

    private SpoolCrashMain() {
    }

    /** Event {@code i}: its dedup key and action. */
    static String key(int i) {
        int perKey = i / KEYS;
        return "k" + (i % KEYS) + "-c" + perKey / 3;
    }

    static Action action(int i) {
        return Action.values()[(i / KEYS) % 3];
    }

    public static void main(String[] args) throws Exception {
        int buffer = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        int events = args.length > 4 ? Integer.parseInt(args[4]) : EVENTS;
        Duration persistTimeout = Duration.ofMillis(args.length > 5 ? Long.parseLong(args[5]) : 30_000);
        Tocsin tocsin = Tocsin.builder()
                .destination(PagerDutyDestination.builder().routingKey(InboxFixture.ROUTING_KEY)
                        .endpoint(args[1]).build())
                .spool(Path.of(args[0]))
                .spoolSync(SyncPolicy.valueOf(args[2]))
                .requestTimeout(Duration.ofSeconds(60))
                .rateLimit(100_000, Duration.ofSeconds(1))
                .floodThreshold(0, Duration.ofMinutes(1)) // every key on its own: the test counts them one by one
                .bufferCapacity(buffer)
                .build();
        for (int i = 0; i < events; i++) {
            String key = key(i);
            switch (action(i)) {
                case TRIGGER -> tocsin.trigger(Alert.trigger("event " + i).dedupKey(key).build());
                case ACKNOWLEDGE -> tocsin.acknowledge(key);
                case RESOLVE -> tocsin.resolve(key);
            }
            if (i % 10 == 9) {
                System.out.println((tocsin.persist(persistTimeout) ? "persisted " : "not persisted ") + i);
                System.out.flush();
            }
        }
        System.out.println("done");
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // wait to be killed
    }
}
