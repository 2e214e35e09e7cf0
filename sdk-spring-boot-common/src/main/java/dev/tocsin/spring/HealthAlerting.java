package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.DaemonThreads;
import dev.tocsin.spi.Scrubbing;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Evaluates the application's health contributors on a schedule ({@code tocsin-health}) and pages for a
 * component that stays DOWN or OUT_OF_SERVICE for {@code down-checks} evaluations in a row; {@code up-checks}
 * UP evaluations in a row resolve it. A component that flaps never reaches either count, so it does not page on
 * every flap. The key is {@code health:<application>:<component>}; details are scrubbed.
 *
 * <p>The components are read through a {@link HealthReader}, the one part that differs between Spring Boot 3.5 and
 * 4 (whose health API moved to {@code org.springframework.boot.health}); each line's starter supplies its own.
 */
final class HealthAlerting implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(HealthAlerting.class);

    private final Tocsin tocsin;
    private final HealthReader registry;
    private final TocsinProperties.Health settings;
    private final String application;
    private final Map<String, Track> tracks = new HashMap<>();
    private ScheduledExecutorService timer;

    HealthAlerting(Tocsin tocsin, HealthReader registry, TocsinProperties.Health settings, String application) {
        this.tocsin = tocsin;
        this.registry = registry;
        this.settings = settings;
        this.application = application;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tocsin-health"));
        long every = settings.getInterval().toMillis();
        timer.scheduleWithFixedDelay(this::evaluateSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    private void evaluateSafely() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.warn("tocsin: evaluating health failed: {}", e.toString());
        }
    }

    /** One evaluation of every watched component. Timer thread only. */
    void evaluate() {
        Predicate<String> watched = name -> !name.equals("tocsin") && watched(name); // never page about the pager
        Map<String, ComponentHealth> now = new LinkedHashMap<>(registry.read(watched));
        now.forEach(this::observe);
    }

    private boolean watched(String name) {
        String top = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
        return (settings.getInclude().isEmpty() || settings.getInclude().contains(name)
                || settings.getInclude().contains(top))
                && !settings.getExclude().contains(name) && !settings.getExclude().contains(top);
    }

    private void observe(String component, ComponentHealth health) {
        Track t = tracks.computeIfAbsent(component, c -> new Track());
        String status = health.status();
        String key = "health:" + application + ":" + component;
        if (health.down()) {
            t.ups = 0;
            if (++t.downs == settings.getDownChecks() && !t.open) {
                t.open = true;
                tocsin.trigger(Alert.trigger("Health check " + component + " of " + application + " is "
                                + status + " (" + t.downs + " checks in a row)")
                        .dedupKey(key)
                        .severity(settings.getSeverity().getOrDefault(component, Severity.CRITICAL))
                        .component(component)
                        .type("health")
                        .details(scrub(health.details()))
                        .build());
            }
        } else if (ComponentHealth.UP.equals(status)) {
            t.downs = 0;
            if (t.open && ++t.ups >= settings.getUpChecks()) {
                t.open = false;
                t.ups = 0;
                tocsin.resolve(key);
            }
        }
    }

    /** Only plain values, through the core's scrubbing: secret-looking names masked, secret shapes removed. */
    static Map<String, Object> scrub(Map<String, Object> details) {
        return Scrubbing.plainDetails(details);
    }

    @Override
    public String toString() {
        return "HealthAlerting[" + application + ", every " + settings.getInterval() + "]";
    }

    private static final class Track {
        int downs;
        int ups;
        boolean open;
    }
}
