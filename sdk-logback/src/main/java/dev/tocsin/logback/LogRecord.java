package dev.tocsin.logback;

import ch.qos.logback.classic.Level;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.Failures;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.spi.Scrubbing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.slf4j.helpers.MessageFormatter;

/**
 * What the appender captures on the logging thread: references to data Logback already made, nothing formatted
 * or rendered. {@link #toAlert()} does the work later, on the client's thread.
 */
record LogRecord(AppenderSettings settings, long timestamp, Level level, String logger, String thread,
        String pattern, Object[] arguments, Throwable error, Map<String, String> mdc, boolean critical)
        implements PendingAlert {

    static final String DEDUP_KEY_MDC = "tocsin.dedupKey";
    static final String SEVERITY_MDC = "tocsin.severity";
    static final String COMPONENT_MDC = "tocsin.component";

    /** Called once per log event, repeats included: the auto-resolver hears of every occurrence. */
    @Override
    public String dedupKey() {
        String key = key();
        settings.observed(key);
        return key;
    }

    /** DESIGN.md's precedence: an explicit key (MDC), else the exception's fingerprint, else logger + template. */
    private String key() {
        String key = DedupKeys.sanitize(mdc.get(DEDUP_KEY_MDC));
        if (key != null) {
            return key;
        }
        return error != null ? settings.fingerprints().keyOf(error) : DedupKeys.ofMessage(logger, pattern);
    }

    /**
     * The alert. Its summary is the first line of the formatted message; when the message only wraps the exception
     * logged with it ({@link WrapperMessages}: a servlet container's "Servlet.service() … threw exception", a bare
     * "Unexpected error"), the summary is the root cause's type and message instead, and the message is kept in
     * the details as {@code message}. The dedup key does not depend on the summary.
     */
    @Override
    public Alert toAlert() {
        String message = pattern == null ? null : MessageFormatter.basicArrayFormat(pattern, rendered(arguments));
        String key = key();
        String component = settings.component() != null ? settings.component()
                : mdc.getOrDefault(COMPONENT_MDC, simpleName(logger));
        boolean wrapper = error != null && WrapperMessages.isWrapper(message);
        Alert.Builder alert = Alert.trigger(firstLine(wrapper ? Failures.describe(Failures.rootCause(error))
                        : summary(message)))
                .dedupKey(key)
                .severity(severity())
                .source(settings.source())
                .component(component)
                .type(error != null ? error.getClass().getName() : null)
                .timestamp(Instant.ofEpochMilli(timestamp))
                .detail("logger", logger)
                .detail("thread", thread)
                .detail("level", level.toString());
        if (message != null && (wrapper ? !message.isBlank() : message.length() > 200)) {
            alert.detail("message", message); // a wrapper's text is kept, though it is not the summary
        }
        for (String name : settings.mdcKeys()) {
            alert.detail("mdc." + name, mdc.get(name));
        }
        if (error != null) {
            alert.detail("exception", Failures.describe(error));
            alert.detail("stack_trace", Failures.stackTrace(error, settings.stackDepth()));
        }
        if (settings.runbookUrl() != null) {
            alert.link(settings.runbookUrl().replace("{component}", encoded(component))
                    .replace("{logger}", encoded(logger)).replace("{key}", encoded(key)), "Runbook");
        }
        return alert.build();
    }

    /** The whole MDC, for rules' {@code mdc.<key>} fields (the details carry only the {@code mdcKeys} allow list). */
    @Override
    public Map<String, String> context() {
        return mdc;
    }

    @Override
    public long sizeEstimate() {
        return 512 + 2L * (pattern == null ? 0 : pattern.length()) + 64L * (arguments == null ? 0 : arguments.length)
                + (error == null ? 0 : 4096);
    }

    private static String summary(String message) {
        return message == null || message.isBlank() ? "(empty log message)" : message;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline > 0 ? text.substring(0, newline) : text;
    }

    /** Cheap, so the client may call it on the logging thread to choose what to shed when its queue is full. */
    @Override
    public Severity severity() {
        if (critical) {
            return Severity.CRITICAL;
        }
        String requested = mdc.get(SEVERITY_MDC);
        if (requested != null) {
            for (Severity s : Severity.values()) { // no valueOf: an unknown word must not cost an exception
                if (s.name().equalsIgnoreCase(requested.strip())) {
                    return s;
                }
            }
        }
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return Severity.ERROR;
        }
        return level.isGreaterOrEqual(Level.WARN) ? Severity.WARNING : Severity.INFO;
    }

    /**
     * The arguments as text, each {@code toString()} guarded: SLF4J's formatter would print a failing one's
     * exception, unscrubbed, to standard error from the client's thread. Arrays are rendered deeply, as SLF4J
     * would.
     */
    private static Object[] rendered(Object[] arguments) {
        if (arguments == null) {
            return null;
        }
        Object[] out = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            Object a = arguments[i];
            try {
                if (a == null || !a.getClass().isArray()) {
                    out[i] = String.valueOf(a);
                } else { // deep, and safe from arrays that contain themselves
                    String wrapped = java.util.Arrays.deepToString(new Object[] {a});
                    out[i] = wrapped.substring(1, wrapped.length() - 1);
                }
            } catch (Throwable failure) {
                out[i] = "<unrenderable " + a.getClass().getName() + ": " + failure.getClass().getSimpleName() + ">";
            }
        }
        return out;
    }

    /**
     * A value for a URL template: scrubbed first (encoding would hide a secret from the client's scrubber), then
     * percent-encoded, so that any logger name or key makes a valid URL.
     */
    private static String encoded(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(Scrubbing.text(value), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static String simpleName(String logger) {
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
