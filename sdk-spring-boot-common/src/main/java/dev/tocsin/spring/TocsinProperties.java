package dev.tocsin.spring;

import dev.tocsin.SyncPolicy;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Severity;
import dev.tocsin.rules.MaintenanceSpec;
import dev.tocsin.rules.RuleSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Tocsin starter, under {@code tocsin.*}. The starter is off until a routing key is set; a blank key,
 * or a placeholder whose variable is unset, leaves it off ({@link Activation}). Values are checked at startup
 * ({@link PropertyChecks}); a misspelt name is warned about ({@link UnknownProperties}). Not thread-safe: bound once.
 */
@ConfigurationProperties("tocsin")
public class TocsinProperties {
    /** Whether Tocsin is on at all. */
    private boolean enabled = true;
    /** The source of alerts: host, service or application name. Defaults to the host name. */
    private String source;
    /** How long shutdown may spend sending what is pending. */
    private Duration shutdownTimeout = Tocsin.Builder.DEFAULT_SHUTDOWN_TIMEOUT;
    private final PagerDuty pagerduty = new PagerDuty();
    private final Spool spool = new Spool();
    private final Logback logback = new Logback();
    private final Health health = new Health();
    private final Heartbeat heartbeat = new Heartbeat();
    private final Deploy deploy = new Deploy();
    private final UncaughtExceptions uncaughtExceptions = new UncaughtExceptions();
    /**
     * Client-side rules, evaluated in order for every trigger before it leaves the process: each has a name, a
     * condition ({@code when}) and what to do (suppress, severity, route, routing-key, link, link-text, note,
     * dedup-key, drop-details, stop). A rule without a name is named by its place, as {@code tocsin.rules[0]}.
     */
    private List<RuleSpec> rules = new ArrayList<>();
    /**
     * The severity policy: the named destinations (comma-separated) that triggers of each severity go to when no rule
     * routed them. Keys are critical, error, warning and info, or P1 to P4; a severity left out takes the default
     * route.
     */
    private Map<String, String> severityPolicy = new LinkedHashMap<>();
    /**
     * Where triggers go that no rule or severity policy routes: destination names. Unset, they go to the main
     * PagerDuty destination (tocsin.pagerduty.*) and to any destination a TocsinCustomizer adds without a name.
     */
    private List<String> defaultRoute = new ArrayList<>();
    /**
     * More destinations, each under a route name that rules and the severity policy send to; they take only what is
     * routed to them. The main PagerDuty destination has the route name "pagerduty".
     */
    private Map<String, NamedDestination> destinations = new LinkedHashMap<>();
    /**
     * Scheduled maintenance windows, recurring (days, from, to) or one-off (start, end), in a time zone: while one is
     * open, the triggers that meet its condition ({@code when}; every trigger if unset) are suppressed. Acknowledges
     * and resolves are still sent.
     */
    private List<MaintenanceSpec> maintenance = new ArrayList<>();
    private final Flood flood = new Flood();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public PagerDuty getPagerduty() {
        return pagerduty;
    }

    public Spool getSpool() {
        return spool;
    }

    public Logback getLogback() {
        return logback;
    }

    public Health getHealth() {
        return health;
    }

    public Heartbeat getHeartbeat() {
        return heartbeat;
    }

    public Deploy getDeploy() {
        return deploy;
    }

    public UncaughtExceptions getUncaughtExceptions() {
        return uncaughtExceptions;
    }

    public List<RuleSpec> getRules() {
        return rules;
    }

    public void setRules(List<RuleSpec> rules) {
        this.rules = rules;
    }

    public Map<String, String> getSeverityPolicy() {
        return severityPolicy;
    }

    public void setSeverityPolicy(Map<String, String> severityPolicy) {
        this.severityPolicy = severityPolicy;
    }

    public List<String> getDefaultRoute() {
        return defaultRoute;
    }

    public void setDefaultRoute(List<String> defaultRoute) {
        this.defaultRoute = defaultRoute;
    }

    public Map<String, NamedDestination> getDestinations() {
        return destinations;
    }

    public void setDestinations(Map<String, NamedDestination> destinations) {
        this.destinations = destinations;
    }

    public List<MaintenanceSpec> getMaintenance() {
        return maintenance;
    }

    public void setMaintenance(List<MaintenanceSpec> maintenance) {
        this.maintenance = maintenance;
    }

    public Flood getFlood() {
        return flood;
    }

    /** The PagerDuty Events API v2 destination. */
    public static class PagerDuty {
        /**
         * The Events API v2 integration key: 32 letters and digits. Setting it switches Tocsin on; blank leaves it
         * off, so {@code ${TOCSIN_ROUTING_KEY:}} is off wherever the variable is unset.
         */
        private String routingKey;
        /** The Events API endpoint; change events go to its sibling change/enqueue. */
        private String endpoint = dev.tocsin.pagerduty.PagerDutyDestination.DEFAULT_ENDPOINT;
        /** Allow a plain-HTTP endpoint on a host that is not loopback. */
        private boolean allowInsecureHttp;

        public String getRoutingKey() {
            return routingKey;
        }

        public void setRoutingKey(String routingKey) {
            this.routingKey = routingKey;
        }

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public boolean isAllowInsecureHttp() {
            return allowInsecureHttp;
        }

        public void setAllowInsecureHttp(boolean allowInsecureHttp) {
            this.allowInsecureHttp = allowInsecureHttp;
        }
    }

    /** The durable disk spool. */
    public static class Spool {
        /** The spool directory; unset keeps events in memory only. */
        private Path directory;
        /** When the spool syncs to the device. */
        private SyncPolicy sync = SyncPolicy.EVERY_EVENT;

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }

        public SyncPolicy getSync() {
            return sync;
        }

        public void setSync(SyncPolicy sync) {
            this.sync = sync;
        }
    }

    /** The Logback appender on the root logger. */
    public static class Logback {
        /** Attach the paging appender to the root logger (before the context starts, so startup failures page). */
        private boolean enabled = true;
        /** The lowest level that pages. */
        private String threshold = "ERROR";
        /** MDC keys copied into alert details. */
        private List<String> mdcKeys = new ArrayList<>();
        /** Runbook link template; {component}, {logger} and {key} are filled in. */
        private String runbookUrl;
        /** Resolve a log-born incident after this quiet period; unset never resolves. */
        private Duration autoResolveAfter;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getThreshold() {
            return threshold;
        }

        public void setThreshold(String threshold) {
            this.threshold = threshold;
        }

        public List<String> getMdcKeys() {
            return mdcKeys;
        }

        public void setMdcKeys(List<String> mdcKeys) {
            this.mdcKeys = mdcKeys;
        }

        public String getRunbookUrl() {
            return runbookUrl;
        }

        public void setRunbookUrl(String runbookUrl) {
            this.runbookUrl = runbookUrl;
        }

        public Duration getAutoResolveAfter() {
            return autoResolveAfter;
        }

        public void setAutoResolveAfter(Duration autoResolveAfter) {
            this.autoResolveAfter = autoResolveAfter;
        }
    }

    /** Paging for health components that stay down. */
    public static class Health {
        /** Page for health components that stay DOWN or OUT_OF_SERVICE. */
        private boolean enabled = true;
        /** How often health is evaluated. */
        private Duration interval = Duration.ofSeconds(30);
        /** Consecutive failed checks before a component pages. */
        private int downChecks = 3;
        /** Consecutive UP checks before its incident resolves. */
        private int upChecks = 2;
        /** Components to watch (such as db or redis); empty watches all. */
        private List<String> include = new ArrayList<>();
        /** Components never to page for. */
        private List<String> exclude = new ArrayList<>();
        /** Severity per component; others page as critical. */
        private Map<String, Severity> severity = new LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getDownChecks() {
            return downChecks;
        }

        public void setDownChecks(int downChecks) {
            this.downChecks = downChecks;
        }

        public int getUpChecks() {
            return upChecks;
        }

        public void setUpChecks(int upChecks) {
            this.upChecks = upChecks;
        }

        public List<String> getInclude() {
            return include;
        }

        public void setInclude(List<String> include) {
            this.include = include;
        }

        public List<String> getExclude() {
            return exclude;
        }

        public void setExclude(List<String> exclude) {
            this.exclude = exclude;
        }

        public Map<String, Severity> getSeverity() {
            return severity;
        }

        public void setSeverity(Map<String, Severity> severity) {
            this.severity = severity;
        }
    }

    /** A dead-man's switch ping (healthchecks.io shape). */
    public static class Heartbeat {
        /** The ping URL; setting it switches the heartbeat on. */
        private String url;
        /** How often to ping. */
        private Duration interval = Duration.ofMinutes(1);
        /** Allow a plain-HTTP ping URL on a host that is not loopback. */
        private boolean allowInsecureHttp;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public boolean isAllowInsecureHttp() {
            return allowInsecureHttp;
        }

        public void setAllowInsecureHttp(boolean allowInsecureHttp) {
            this.allowInsecureHttp = allowInsecureHttp;
        }
    }

    /** The deploy marker. */
    public static class Deploy {
        /** Send a change event when the application is ready: which version started where. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Paging for threads that die of an uncaught exception. */
    public static class UncaughtExceptions {
        /** Install the handler as the JVM's default uncaught-exception handler. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** A destination under a route name ({@code tocsin.destinations.<name>.*}). */
    public static class NamedDestination {
        /** What it is: pagerduty (Events API v2), slack (an incoming webhook) or webhook (plain JSON). */
        private String type;
        /** For pagerduty: the Events API v2 integration key (32 letters and digits). */
        private String routingKey;
        /**
         * For slack and webhook: the URL to POST to. For pagerduty: the Events API endpoint, by default
         * tocsin.pagerduty.endpoint. "endpoint" is the same setting.
         */
        private String url;
        /** The same as url. */
        private String endpoint;
        /** Allow plain HTTP to a host that is not loopback (pagerduty and webhook). */
        private Boolean allowInsecureHttp;
        /** For webhook: signs each request under this secret (Standard Webhooks: whsec_ and base64). */
        private String secret;

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getRoutingKey() {
            return routingKey;
        }

        public void setRoutingKey(String routingKey) {
            this.routingKey = routingKey;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public Boolean getAllowInsecureHttp() {
            return allowInsecureHttp;
        }

        public void setAllowInsecureHttp(Boolean allowInsecureHttp) {
            this.allowInsecureHttp = allowInsecureHttp;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        /** Shows no key, URL or secret: each may hold a secret. */
        @Override
        public String toString() {
            return "NamedDestination[type=" + type + "]";
        }
    }

    /**
     * Flood folding: past {@code threshold} new dedup keys within {@code period} on one destination, triggers of further
     * new keys are folded into one summary alert. Unset, the client's defaults: 100 new keys a minute.
     */
    public static class Flood {
        /** New dedup keys per period past which a destination folds; 0 turns folding off. Default: 100. */
        private Integer threshold;
        /** The period the threshold counts over. Default: 1m. */
        private Duration period;

        public Integer getThreshold() {
            return threshold;
        }

        public void setThreshold(Integer threshold) {
            this.threshold = threshold;
        }

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration period) {
            this.period = period;
        }
    }
}
