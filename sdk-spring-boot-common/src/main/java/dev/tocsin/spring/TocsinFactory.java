package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.spi.TocsinListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a client from the starter's properties.
 *
 * <p>Routes: the main PagerDuty destination ({@code tocsin.pagerduty.*}) is added twice, without a name and under the
 * route name {@value NamedDestinations#MAIN}. Destinations with equal lane keys share one lane
 * ({@link dev.tocsin.spi.Destination#laneKey()}), so it is still one destination, but one that rules and the severity
 * policy can name, and that is on the default route together with any destination a {@link TocsinCustomizer} adds
 * without a name, as before rules existed ({@link Tocsin.Builder#defaultRoute(String...)} can only name named ones).
 * {@code tocsin.default-route} replaces that default route. The destinations of {@code tocsin.destinations.<name>}
 * take only what is routed to them. Customizers run last, so they can add rules and destinations of their own.
 *
 * <p>Exit policy: a client that the application context manages is built with
 * {@link Tocsin.Builder#closeOnExit(boolean) closeOnExit(false)}. Spring Boot's own shutdown hook closes the context,
 * and the context closes the client in its turn ({@link TocsinLifecycle}: after the web server has stopped, before
 * logging stops); a JVM hook of the client's own would run at the same time as Spring's and could close it while
 * the last requests are still logging. The client made before the context exists ({@link EarlyState}) and the one
 * made to report a failed startup keep the hook: nothing else would close them if the JVM exited first.
 */
final class TocsinFactory {
    private static final Logger LOG = LoggerFactory.getLogger(TocsinFactory.class);

    private TocsinFactory() {
    }

    /**
     * @param closeOnExit whether the client's own JVM shutdown hook closes it (see the class comment)
     * @throws TocsinPropertyException naming the {@code tocsin.*} property that is wrong
     */
    static Tocsin build(TocsinProperties p, List<TocsinCustomizer> customizers, List<TocsinListener> listeners,
            boolean closeOnExit) {
        return build(p, customizers, listeners, closeOnExit, true);
    }

    /**
     * The client made before the context, or to page for a failed startup: with the rules if they can be built
     * without the context's customizers, else without them (they may route to a destination only a customizer adds),
     * so that pages still go to PagerDuty until the context's client takes over. If the context then fails on the
     * rules, that slip pages nothing ({@link EarlyState#failed}): Spring Boot's report names it.
     *
     * @throws TocsinPropertyException naming a property, other than the rules', that is wrong
     */
    static Tocsin buildBeforeContext(TocsinProperties p) {
        try {
            return build(p, List.of(), List.of(), true, true);
        } catch (RuntimeException withRules) {
            Tocsin plain = build(p, List.of(), List.of(), true, false);
            LOG.debug("tocsin: before the context, pages go to PagerDuty without the rules: {}", withRules.toString());
            return plain;
        }
    }

    private static Tocsin build(TocsinProperties p, List<TocsinCustomizer> customizers, List<TocsinListener> listeners,
            boolean closeOnExit, boolean withRules) {
        PropertyChecks.check(p);
        PagerDutyDestination main = PropertyChecks.pagerDuty(p);
        Tocsin.Builder builder = Tocsin.builder()
                .destination(main)
                .destination(NamedDestinations.MAIN, main)
                .source(p.getSource())
                .shutdownTimeout(p.getShutdownTimeout())
                .closeOnExit(closeOnExit);
        RuleProperties rules = RuleProperties.none();
        if (withRules) {
            NamedDestinations.of(p).forEach(builder::destination);
            rules = RuleProperties.of(p);
            rules.applyTo(builder);
        }
        if (p.getSpool().getDirectory() != null) {
            builder.spool(p.getSpool().getDirectory()).spoolSync(p.getSpool().getSync());
        }
        listeners.forEach(builder::listener);
        customizers.forEach(c -> c.customize(builder));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw rules.explain(e);
        }
    }
}
