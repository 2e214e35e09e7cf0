package dev.tocsin;

import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testing.InboxFixture;

/** A program that triggers one page and returns at once, without closing the client. */
final class ExitingMain {
    private ExitingMain() {
    }

    public static void main(String[] args) {
        Tocsin tocsin = Tocsin.builder()
                .destination(PagerDutyDestination.builder().routingKey(InboxFixture.ROUTING_KEY)
                        .endpoint(args[0]).build())
                .source("exiting-host")
                .build();
        tocsin.trigger(Alert.trigger("nightly job failed").dedupKey("nightly-job").severity(Severity.CRITICAL)
                .build());
        if (args[1].equals("exit")) {
            System.exit(3);
        }
    }
}
