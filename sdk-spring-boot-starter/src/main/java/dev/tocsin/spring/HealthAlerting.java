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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

/**
 * Evaluates the application's health contributors on a schedule ({@code tocsin-health}) and pages for a
 * component that stays DOWN or OUT_OF_SERVICE for {@code down-checks} evaluations in a row; {@code up-checks}
 * UP evaluations in a row resolve it. A component that flaps never reaches either count, so it does not page on
 * every flap. The key is {@code health:<application>:<component>}; details are scrubbed.
 */
final class HealthAlerting implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(HealthAlerting.class);

    private final Tocsin tocsin;
    private final HealthContributors registry;
    private final TocsinProperties.Health settings;
    private final String application;
    private final Map<String, Track> tracks = new HashMap<>();
    private ScheduledExecutorService timer;

    HealthAlerting(Tocsin tocsin, HealthContributors registry, TocsinProperties.Health settings, String application) {
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
        Map<String, Health> now = new LinkedHashMap<>();
        collect("", registry, now);
        now.forEach(this::observe);
    }

    private void collect(String prefix, HealthContributors contributors, Map<String, Health> out) {
        for (HealthContributors.Entry entry : contributors) {
            String name = prefix + entry.name();
            if (name.equals("tocsin") || !watched(name)) {
                continue; // never page about the pager through the pager
            }
            HealthContributor contributor = entry.contributor();
            if (contributor instanceof HealthIndicator indicator) {
                out.put(name, safely(indicator));
            } else if (contributor instanceof CompositeHealthContributor composite) {
                collect(name + "/", composite, out);
            }
        }
    }

    private boolean watched(String name) {
        String top = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
        return (settings.getInclude().isEmpty() || settings.getInclude().contains(name)
                || settings.getInclude().contains(top))
                && !settings.getExclude().contains(name) && !settings.getExclude().contains(top);
    }

    private static Health safely(HealthIndicator indicator) {
        try {
            return indicator.health();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }

    private void observe(String component, Health health) {
        Track t = tracks.computeIfAbsent(component, c -> new Track());
        Status status = health.getStatus();
        String key = "health:" + application + ":" + component;
        if (Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status)) {
            t.ups = 0;
            if (++t.downs == settings.getDownChecks() && !t.open) {
                t.open = true;
                tocsin.trigger(Alert.trigger("Health check " + component + " of " + application + " is "
                                + status.getCode() + " (" + t.downs + " checks in a row)")
                        .dedupKey(key)
                        .severity(settings.getSeverity().getOrDefault(component, Severity.CRITICAL))
                        .component(component)
                        .type("health")
                        .details(scrub(health.getDetails()))
                        .build());
            }
        } else if (Status.UP.equals(status)) {
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
