package dev.tocsin.internal.expr;

import java.util.List;

/** The fields a condition or a template may name; {@code details.<key>} and {@code mdc.<key>} name any key. */
public final class Fields {
    /** The plain field names, in the order error messages list them. */
    public static final List<String> NAMES = List.of("summary", "source", "severity", "component", "group", "class",
            "logger", "exception", "key");

    private Fields() {
    }

    /** {@code null} if {@code name} is a field; else why not, with the closest field name when one is near. */
    public static String problem(String name) {
        if (NAMES.contains(name)) {
            return null;
        }
        for (String prefix : new String[] {"details.", "mdc."}) {
            if (name.startsWith(prefix)) {
                if (name.length() == prefix.length()) {
                    return "'" + name + "' needs a key after the dot";
                }
                for (int i = 0; i < name.length(); i++) {
                    char c = name.charAt(i);
                    if (!Character.isLetterOrDigit(c) && "_.-:/*@$+".indexOf(c) < 0) {
                        return "'" + name + "': a key is letters, digits and _ . - : / * @ $ +";
                    }
                }
                return null;
            }
        }
        String near = nearest(name);
        return "unknown field '" + name + "'" + (near == null ? "" : " (did you mean '" + near + "'?)")
                + "; fields are " + String.join(", ", NAMES) + ", details.<key> and mdc.<key>";
    }

    private static String nearest(String name) {
        String best = null;
        int bestDistance = 3; // a misspelling is at most two edits away
        for (String candidate : concat()) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static List<String> concat() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(NAMES);
        all.add("details");
        all.add("mdc");
        return all;
    }

    /** Levenshtein distance, bounded input: field names are short. */
    static int distance(String a, String b) {
        if (a.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
