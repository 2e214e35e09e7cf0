package dev.tocsin;

import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;

/** Sends one alert to the endpoint in {@code args[0]} and prints how many were delivered. */
final class NoMicrometerMain {
    private NoMicrometerMain() {
    }

    public static void main(String[] args) {
        try (Tocsin tocsin = Tocsin.builder()
                .destination(PagerDutyDestination.builder().routingKey(InboxFixture.ROUTING_KEY)
                        .endpoint(args[0]).build())
                .build()) {
            tocsin.trigger("without micrometer", Severity.INFO);
            tocsin.flush(Duration.ofSeconds(10));
            System.out.println("delivered=" + tocsin.stats().delivered());
        }
    }
}
