package dev.tocsin;

import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testing.InboxFixture;

/** A program whose main thread dies of an uncaught exception, with the handler installed. */
final class DyingMain {
    private DyingMain() {
    }

    public static void main(String[] args) {
        Tocsin tocsin = Tocsin.builder()
                .destination(PagerDutyDestination.builder().routingKey(InboxFixture.ROUTING_KEY)
                        .endpoint(args[0]).build())
                .source("dying-host")
                .build();
        UncaughtExceptionAlerts.install(tocsin);
        throw new IllegalStateException("configuration missing: payments.url");
    }
}
