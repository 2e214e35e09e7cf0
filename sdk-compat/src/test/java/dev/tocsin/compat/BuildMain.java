package dev.tocsin.compat;

import dev.tocsin.Tocsin;
import dev.tocsin.pagerduty.PagerDutyDestination;

/** Builds a client and prints how that went: run in a child JVM with libraries outside the supported ranges. */
public final class BuildMain {
    private BuildMain() {
    }

    public static void main(String[] args) {
        try (Tocsin tocsin = Tocsin.builder()
                .destination(PagerDutyDestination.builder().routingKey(LocalReceiver.ROUTING_KEY)
                        .endpoint("http://127.0.0.1:9/v2/enqueue").build())
                .closeOnExit(false)
                .build()) {
            System.out.println("built " + tocsin);
        } catch (RuntimeException e) {
            System.out.println("refused " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (LinkageError e) {
            System.out.println("linkage error escaped: " + e);
        }
    }
}
