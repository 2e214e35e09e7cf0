package dev.tocsin.spring;

import java.beans.PropertyDescriptor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.core.env.Environment;

/**
 * Finds {@code tocsin.*} properties that bind to nothing, such as {@code tocsin.pagerduty.routing-kye} or
 * {@code tocsin.routing-key}, and the known property closest to each. A property is known when the binder binds
 * it to {@link TocsinProperties}, so every relaxed form ({@code routingKey}, {@code routing_key}) counts as known, as
 * it does for Spring. Environment variables and system properties are not judged, as Spring Boot does not judge
 * them for unbound properties: a variable's name loses its dots and dashes ({@code TOCSIN_PAGERDUTY_ROUTINGKEY}),
 * a variable such as {@code TOCSIN_ROUTING_KEY} is meant to be referred to by a placeholder, not bound, and build
 * tools set system properties of their own. Values with errors still count as bound (their binding reports them).
 */
final class UnknownProperties {
    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("tocsin");
    private static final List<String> KNOWN = known("tocsin", TocsinProperties.class);
    /** Leaves out environment variables and system properties, as Spring Boot does for unbound properties. */
    private static final UnboundElementsSourceFilter JUDGED = new UnboundElementsSourceFilter();

    private UnknownProperties() {
    }

    /**
     * @return each unknown property with the known one closest to it, or {@code null} if none is close
     */
    static Map<ConfigurationProperty, String> find(Environment environment) {
        Recorder recorder = new Recorder();
        Binder.get(environment).bind(ROOT, Bindable.of(TocsinProperties.class), recorder);
        Map<ConfigurationProperty, String> unknown = new LinkedHashMap<>();
        Set<ConfigurationPropertyName> seen = new HashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable) || !JUDGED.apply(source)) {
                continue;
            }
            iterable.filter(ROOT::isAncestorOf).stream()
                    .filter(name -> !recorder.bound(name) && seen.add(name))
                    .forEach(name -> unknown.put(iterable.getConfigurationProperty(name), closest(name)));
        }
        return unknown;
    }

    /** A warning for one unknown property, naming where it was set and what was probably meant. */
    static String warning(ConfigurationProperty property, String closest) {
        return "Tocsin: unknown property " + property.getName()
                + (property.getOrigin() == null ? "" : " (set in " + property.getOrigin() + ")")
                + (closest == null ? "; Tocsin has no such setting and ignores it"
                        : "; did you mean " + closest + "? Tocsin ignores it");
    }

    /** The known property closest to {@code name}: by its last part first, then by the whole name. */
    static String closest(ConfigurationPropertyName name) {
        String leaf = uniform(name.getLastElement(ConfigurationPropertyName.Form.UNIFORM));
        String whole = uniform(name.toString());
        record Score(String known, int best, int whole) {
        }
        return KNOWN.stream()
                .filter(pattern -> fits(pattern, name))
                .map(pattern -> {
                    String k = instance(pattern, name);
                    int w = distance(whole, uniform(k));
                    int l = distance(leaf, uniform(k.substring(k.lastIndexOf('.') + 1)));
                    return new Score(k, Math.min(l, w), w);
                })
                .min(Comparator.comparingInt(Score::best).thenComparingInt(Score::whole))
                .filter(s -> s.best() <= Math.max(2, leaf.length() / 3))
                .map(Score::known)
                .orElse(null);
    }

    /**
     * The property names of a properties class, from its bean properties (as the binder sees them). The elements of
     * a list of beans are written {@code [*]} ({@code tocsin.rules[*].when}), the keys of a map of beans {@code *}
     * ({@code tocsin.destinations.*.type}).
     */
    static List<String> known(String prefix, Class<?> type) {
        List<String> names = new ArrayList<>();
        for (PropertyDescriptor d : BeanUtils.getPropertyDescriptors(type)) {
            if (d.getReadMethod() == null || d.getName().equals("class")) {
                continue;
            }
            String name = prefix + "." + DataObjectPropertyName.toDashedForm(d.getName());
            Class<?> property = d.getPropertyType();
            Class<?> element = beanElement(d.getReadMethod().getGenericReturnType());
            if (property.getDeclaringClass() == TocsinProperties.class) {
                names.addAll(known(name, property));
            } else if (element != null) {
                names.add(name);
                names.addAll(known(name + (List.class.isAssignableFrom(property) ? "[*]" : ".*"), element));
            } else {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** The bean a {@code List<Bean>} or {@code Map<String, Bean>} of Tocsin's holds, or {@code null}. */
    private static Class<?> beanElement(Type type) {
        if (!(type instanceof ParameterizedType generic)) {
            return null;
        }
        Type[] args = generic.getActualTypeArguments();
        Type last = args[args.length - 1];
        return last instanceof Class<?> c && c.getName().startsWith("dev.tocsin.") && !c.isEnum() && !c.isInterface()
                ? c : null;
    }

    /**
     * A known name's pattern made concrete with the index and key of {@code name}, for a suggestion; the pattern
     * {@link #fits} the name.
     */
    static String instance(String pattern, ConfigurationPropertyName name) {
        List<String> parts = parts(pattern);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String actual = part.equals("[*]") || part.equals("*")
                    ? name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL) : part;
            out.append(part.equals("[*]") ? "[" + actual + "]" : (i == 0 ? "" : ".") + actual);
        }
        return out.toString();
    }

    /**
     * Whether {@code name} has an index where the pattern has {@code [*]} and an element where it has {@code *}: a
     * name outside a list or map (such as {@code tocsin.routing-key}) is not taken for a property of its elements.
     */
    private static boolean fits(String pattern, ConfigurationPropertyName name) {
        List<String> parts = parts(pattern);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            boolean has = i < name.getNumberOfElements();
            if (part.equals("[*]") && !(has && name.isNumericIndex(i)) || part.equals("*") && !has) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is a known name, its indexes and keys whatever they are. */
    static boolean isKnown(ConfigurationPropertyName name) {
        for (String pattern : KNOWN) {
            List<String> parts = parts(pattern);
            if (parts.size() != name.getNumberOfElements()) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < parts.size() && matches; i++) {
                String part = parts.get(i);
                matches = part.equals("[*]") ? name.isNumericIndex(i) : part.equals("*")
                        || uniform(part).equals(uniform(name.getElement(i, ConfigurationPropertyName.Form.UNIFORM)));
            }
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static List<String> parts(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("\\.")) {
            if (part.endsWith("[*]")) {
                parts.add(part.substring(0, part.length() - 3));
                parts.add("[*]");
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    private static String uniform(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /** Records every name the binder bound, or tried to bind and failed on: both are known properties. */
    private static final class Recorder extends AbstractBindHandler {
        private final Set<ConfigurationPropertyName> bound = new HashSet<>();

        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Object result) {
            bound.add(name);
            return super.onSuccess(name, target, context, result);
        }

        @Override
        public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Exception error) {
            bound.add(name);
            return null; // reported when the properties are bound for real
        }

        /**
         * Bound itself, or an element of a bound list (a list set in two places has more elements in one): the element
         * of a list of strings, or a known property of an element of a list of beans ({@code tocsin.rules[3].when}).
         */
        boolean bound(ConfigurationPropertyName name) {
            if (bound.contains(name)) {
                return true;
            }
            for (ConfigurationPropertyName parent = name.getParent(); !parent.isEmpty(); parent = parent.getParent()) {
                if (bound.contains(parent) && name.isNumericIndex(parent.getNumberOfElements())) {
                    return name.getNumberOfElements() == parent.getNumberOfElements() + 1 || isKnown(name);
                }
            }
            return false;
        }
    }
}
