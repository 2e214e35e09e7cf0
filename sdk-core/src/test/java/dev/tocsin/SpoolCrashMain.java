package dev.tocsin;

import dev.tocsin.pagerduty.PagerDutyDestination;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child of {@link SpoolCrashTest}: accepts 1,000 events (triggers, acknowledges and resolves over 50 keys)
 * towards an endpoint that hangs, printing {@code persisted N} each time events 0..N are durable, until it is
 * killed.
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
        Tocsin tocsin = Tocsin.builder()
                .destination(PagerDutyDestination.builder().routingKey(PagerDutyWireMockTest.ROUTING_KEY)
                        .endpoint(args[1]).build())
                .spool(Path.of(args[0]))
                .spoolSync(SyncPolicy.valueOf(args[2]))
                .requestTimeout(Duration.ofSeconds(60))
                .rateLimit(100_000, Duration.ofSeconds(1))
                .build();
        for (int i = 0; i < EVENTS; i++) {
            String key = key(i);
            switch (action(i)) {
                case TRIGGER -> tocsin.trigger(Alert.trigger("event " + i).dedupKey(key).build());
                case ACKNOWLEDGE -> tocsin.acknowledge(key);
                case RESOLVE -> tocsin.resolve(key);
            }
            if (i % 10 == 9 && tocsin.persist(Duration.ofSeconds(30))) {
                System.out.println("persisted " + i);
                System.out.flush();
            }
        }
        System.out.println("done");
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // wait to be killed
    }
}
