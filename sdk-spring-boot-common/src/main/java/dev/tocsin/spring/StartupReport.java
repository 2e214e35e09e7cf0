package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * The one line Tocsin logs at startup, at INFO: on, with where pages go (the routing key shown by its last four
 * characters) and what pages, or off, with why. Also warns, once, about each unknown {@code tocsin.*} property,
 * since a misspelt one otherwise leaves Tocsin silently off or at a default.
 */
final class StartupReport {
    static final Logger LOG = LoggerFactory.getLogger(TocsinAutoConfiguration.class);

    private StartupReport() {
    }

    static String off(Activation activation) {
        return "Tocsin is off: " + activation.reason() + "; nothing pages.";
    }

    /**
     * @param client the context's client
     * @param parts what pages and what else runs, such as {@code "Logback appender (ERROR and above)"}
     */
    static String on(Tocsin client, TocsinProperties p, List<String> parts) {
        if (client.destinationNames().isEmpty()) {
            return "Tocsin is on: pages go to the application's own Tocsin bean (" + client.getClass().getName()
                    + "); " + String.join(", ", parts) + ".";
        }
        String lanes = client.destinationNames().toString(); // names, keys masked: [pagerduty(…6b08)]
        String host = host(p.getPagerduty().getEndpoint());
        return "Tocsin is on: pages go to " + lanes + (host == null ? "" : " via " + host) + "; "
                + String.join(", ", parts) + "; " + (p.getSpool().getDirectory() == null ? "events kept in memory"
                        : "spool " + p.getSpool().getDirectory()) + ".";
    }

    /** The host of a URL, which is all a log line may show of it: its path or query may hold a secret. */
    static String host(String url) {
        try {
            return url == null ? null : URI.create(url.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code 30s}, {@code 1m}, {@code 100ms}: as a Spring property would say it. */
    static String human(java.time.Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }

    /** Runs before any bean is made, whether Tocsin is on or off: unknown properties, and the line when off. */
    static final class Check implements BeanFactoryPostProcessor {
        private final Environment environment;

        Check(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            UnknownProperties.find(environment).forEach((property, closest) ->
                    LOG.warn(UnknownProperties.warning(property, closest)));
            Activation activation = Activation.of(environment);
            if (!activation.on()) {
                LOG.info(off(activation));
            }
        }
    }

    /** Logs the line when Tocsin is on, once the context's beans exist, with what they switched on. */
    static final class On implements SmartInitializingSingleton {
        private final Tocsin client;
        private final TocsinProperties properties;
        private final ObjectProvider<LogbackBinding> logback;
        private final ObjectProvider<UncaughtBinding> uncaught;
        private final ObjectProvider<HealthAlerting> health;
        private final ObjectProvider<HeartbeatLifecycle> heartbeat;
        private final ObjectProvider<DeployMarker> deploy;

        On(Tocsin client, TocsinProperties properties, ObjectProvider<LogbackBinding> logback,
                ObjectProvider<UncaughtBinding> uncaught, ObjectProvider<HealthAlerting> health,
                ObjectProvider<HeartbeatLifecycle> heartbeat, ObjectProvider<DeployMarker> deploy) {
            this.client = client;
            this.properties = properties;
            this.logback = logback;
            this.uncaught = uncaught;
            this.health = health;
            this.heartbeat = heartbeat;
            this.deploy = deploy;
        }

        @Override
        public void afterSingletonsInstantiated() {
            List<String> parts = new ArrayList<>();
            if (logback.getIfAvailable() != null) {
                parts.add("Logback " + String.valueOf(properties.getLogback().getThreshold()).strip()
                        .toUpperCase(java.util.Locale.ROOT) + " and above");
            }
            if (uncaught.getIfAvailable() != null) {
                parts.add("uncaught exceptions");
            }
            if (health.getIfAvailable() != null) {
                parts.add("health every " + human(properties.getHealth().getInterval()));
            }
            if (heartbeat.getIfAvailable() != null) {
                parts.add("heartbeat to " + host(properties.getHeartbeat().getUrl()));
            }
            if (deploy.getIfAvailable() != null) {
                parts.add("deploy marker");
            }
            if (parts.isEmpty()) {
                parts.add("nothing pages by itself");
            }
            int rules = properties.getRules().size();
            if (rules > 0) {
                parts.add(rules + (rules == 1 ? " rule" : " rules"));
            }
            if (!properties.getSeverityPolicy().isEmpty()) {
                parts.add("severity policy");
            }
            int windows = properties.getMaintenance().size();
            if (windows > 0) {
                parts.add(windows + " scheduled maintenance window" + (windows == 1 ? "" : "s"));
            }
            LOG.info(on(client, properties, parts));
        }
    }
}
