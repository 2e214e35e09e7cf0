package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.spi.TocsinListener;
import java.util.List;

/** Builds a client from the starter's properties. */
final class TocsinFactory {
    private TocsinFactory() {
    }

    /**
     * @throws IllegalArgumentException naming the {@code tocsin.*} property that is wrong
     */
    static Tocsin build(TocsinProperties p, List<TocsinCustomizer> customizers, List<TocsinListener> listeners) {
        p.validate();
        PagerDutyDestination destination;
        try {
            destination = PagerDutyDestination.builder()
                    .routingKey(p.getPagerduty().getRoutingKey())
                    .endpoint(p.getPagerduty().getEndpoint())
                    .allowInsecureHttp(p.getPagerduty().isAllowInsecureHttp())
                    .build();
        } catch (IllegalArgumentException e) {
            // The core names its settings pagerduty.routingKey and pagerduty.endpoint; say it the Spring way.
            throw new IllegalArgumentException(e.getMessage()
                    .replace("pagerduty.routingKey", "tocsin.pagerduty.routing-key")
                    .replace("pagerduty.endpoint", "tocsin.pagerduty.endpoint")); // same text, Spring's names
        }
        Tocsin.Builder builder = Tocsin.builder()
                .destination(destination)
                .source(p.getSource())
                .shutdownTimeout(p.getShutdownTimeout());
        if (p.getSpool().getDirectory() != null) {
            builder.spool(p.getSpool().getDirectory()).spoolSync(p.getSpool().getSync());
        }
        listeners.forEach(builder::listener);
        customizers.forEach(c -> c.customize(builder));
        return builder.build();
    }
}
