package dev.tocsin.internal.expr;

import dev.tocsin.event.Alert;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What conditions and templates read of one normalised event: its fields, its exception's types through the cause
 * chain, its details and the MDC the appender captured. Built per event on the dispatch thread; reads the exception
 * once, lazily, and never lets a throwing accessor out.
 */
public final class EventFields {
    /** How deep the cause chain is followed. */
    static final int MAX_CAUSES = 32;

    private final Alert alert;
    private final Throwable error;
    private final Map<String, String> mdc;
    private List<String> exceptionTypes;

    public EventFields(Alert alert, Throwable error, Map<String, String> mdc) {
        this.alert = alert;
        this.error = error;
        this.mdc = mdc == null ? Map.of() : mdc;
    }

    public Alert alert() {
        return alert;
    }

    public Throwable error() {
        return error;
    }

    public Map<String, String> mdc() {
        return mdc;
    }

    /** The values of a field: none if it is absent; several only for {@code exception} and list details. */
    public List<String> values(String field) {
        switch (field) {
            case "summary":
                return one(alert.summary());
            case "source":
                return one(alert.source());
            case "severity":
                return one(alert.severity() == null ? null : alert.severity().name().toLowerCase(Locale.ROOT));
            case "component":
                return one(alert.component());
            case "group":
                return one(alert.group());
            case "class":
                return one(alert.type());
            case "key":
                return one(alert.dedupKey());
            case "logger":
                return detail("logger");
            case "exception":
                return exceptionTypes();
            default:
                if (field.startsWith("details.")) {
                    return detail(field.substring("details.".length()));
                }
                if (field.startsWith("mdc.")) {
                    String name = field.substring("mdc.".length());
                    String value = mdc.get(name);
                    return value != null ? List.of(value) : detail(field); // the appender copies MDC as mdc.<key>
                }
                return List.of();
        }
    }

    /** The first value of a field, or {@code null}. */
    public String first(String field) {
        List<String> v = values(field);
        return v.isEmpty() ? null : v.get(0);
    }

    private List<String> detail(String key) {
        Object value = alert.details().get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>(Math.min(list.size(), 100));
            for (Object o : list) {
                if (o != null && out.size() < 100) {
                    out.add(String.valueOf(o));
                }
            }
            return out;
        }
        return List.of(String.valueOf(value));
    }

    /** The class names of the exception and each of its causes, outermost first; the alert's class if none. */
    private List<String> exceptionTypes() {
        if (exceptionTypes == null) {
            exceptionTypes = error == null ? one(alert.type()) : chain(error);
        }
        return exceptionTypes;
    }

    private static List<String> chain(Throwable error) {
        List<String> types = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = error;
        while (t != null && types.size() < MAX_CAUSES && seen.add(t)) {
            types.add(t.getClass().getName());
            try {
                t = t.getCause();
            } catch (Throwable hostile) { // a getCause() that throws ends the chain, never the rule
                t = null;
            }
        }
        return Collections.unmodifiableList(types);
    }

    private static List<String> one(String value) {
        return value == null ? List.of() : List.of(value);
    }
}
