package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.spi.TocsinListener;
import java.util.List;

/**
 * Builds a client from the starter's properties.
 *
 * <p>Exit policy: a client that the application context manages is built with
 * {@link Tocsin.Builder#closeOnExit(boolean) closeOnExit(false)}. Spring Boot's own shutdown hook closes the context,
 * and the context closes the client in its turn ({@link TocsinLifecycle}: after the web server has stopped, before
 * logging stops); a JVM hook of the client's own would run at the same time as Spring's and could close it while
 * the last requests are still logging. The client made before the context exists ({@link EarlyState}) and the one
 * made to report a failed startup keep the hook: nothing else would close them if the JVM exited first.
 */
final class TocsinFactory {
    private TocsinFactory() {
    }

    /**
     * @param closeOnExit whether the client's own JVM shutdown hook closes it (see the class comment)
     * @throws TocsinPropertyException naming the {@code tocsin.*} property that is wrong
     */
    static Tocsin build(TocsinProperties p, List<TocsinCustomizer> customizers, List<TocsinListener> listeners,
            boolean closeOnExit) {
        PropertyChecks.check(p);
        Tocsin.Builder builder = Tocsin.builder()
                .destination(PropertyChecks.pagerDuty(p))
                .source(p.getSource())
                .shutdownTimeout(p.getShutdownTimeout())
                .closeOnExit(closeOnExit);
        if (p.getSpool().getDirectory() != null) {
            builder.spool(p.getSpool().getDirectory()).spoolSync(p.getSpool().getSync());
        }
        listeners.forEach(builder::listener);
        customizers.forEach(c -> c.customize(builder));
        return builder.build();
    }
}
