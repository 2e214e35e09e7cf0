package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.spi.TocsinListener;
import java.util.List;

/** Builds a client from the starter's properties. */
final class TocsinFactory {
    private TocsinFactory() {
    }

    /**
     * @throws TocsinPropertyException naming the {@code tocsin.*} property that is wrong
     */
    static Tocsin build(TocsinProperties p, List<TocsinCustomizer> customizers, List<TocsinListener> listeners) {
        PropertyChecks.check(p);
        Tocsin.Builder builder = Tocsin.builder()
                .destination(PropertyChecks.pagerDuty(p))
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
