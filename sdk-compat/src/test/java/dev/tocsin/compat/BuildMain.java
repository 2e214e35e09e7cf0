package dev.tocsin.compat;

import dev.tocsin.Tocsin;
import dev.tocsin.micrometer.TocsinMetrics;
import dev.tocsin.pagerduty.PagerDutyDestination;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Builds a client and prints how that went: run in a child JVM with libraries outside the supported ranges. With no
 * argument it builds one plain client; each argument is one build in turn, {@code plain} or {@code metrics} (with
 * the Micrometer binding as a listener). Each build prints one line: {@code <build>: built …} or
 * {@code <build>: refused <exception>: <message>}.
 */
public final class BuildMain {
    private BuildMain() {
    }

    public static void main(String[] args) {
        for (String build : args.length == 0 ? new String[] {"plain"} : args) {
            System.out.println(build + ": " + build(build.equals("metrics")));
        }
    }

    private static String build(boolean metrics) {
        Tocsin.Builder builder = Tocsin.builder()
                .destination(PagerDutyDestination.builder().routingKey(LocalReceiver.ROUTING_KEY)
                        .endpoint("http://127.0.0.1:9/v2/enqueue").build())
                .closeOnExit(false);
        if (metrics) {
            builder.listener(new TocsinMetrics(new SimpleMeterRegistry())); // the only place Micrometer is loaded
        }
        try (Tocsin tocsin = builder.build()) {
            return "built " + tocsin;
        } catch (RuntimeException e) {
            return "refused " + e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (LinkageError e) {
            return "linkage error escaped: " + e;
        }
    }
}
