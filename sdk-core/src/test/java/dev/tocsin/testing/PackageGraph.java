package dev.tocsin.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The dependencies between Tocsin's packages in compiled classes, as the JDK's {@code jdeps} reads them from the
 * bytecode: what a class really uses, not what its imports say.
 */
public final class PackageGraph {
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s");
    /** Package → packages it uses (Tocsin's own only), and one class-level example of each use. */
    private final Map<String, Set<String>> uses = new TreeMap<>();
    private final Map<String, String> examples = new HashMap<>();
    /** Every class-level use between two different packages, as "class -> class". */
    private final Set<String> classUses = new TreeSet<>();

    private PackageGraph() {
    }

    /** The graph of the classes in {@code classes} (a module's {@code target/classes}, or a jar). */
    public static PackageGraph of(Path classes) {
        if (!Files.exists(classes)) {
            throw new IllegalStateException("no compiled classes at " + classes.toAbsolutePath());
        }
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("this JDK has no jdeps"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:none",
                classes.toString());
        if (rc != 0) {
            throw new IllegalStateException("jdeps failed (" + rc + "): " + err);
        }
        PackageGraph graph = new PackageGraph();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && m.group(1).startsWith("dev.tocsin.") && m.group(2).startsWith("dev.tocsin.")) {
                graph.add(m.group(1), m.group(2));
            }
        }
        return graph;
    }

    private void add(String fromClass, String toClass) {
        String from = packageOf(fromClass);
        String to = packageOf(toClass);
        uses.computeIfAbsent(from, k -> new TreeSet<>());
        if (!from.equals(to)) {
            uses.get(from).add(to);
            examples.putIfAbsent(from + " -> " + to, fromClass + " -> " + toClass);
            classUses.add(fromClass + " -> " + toClass);
        }
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    /** The classes of package {@code to} that classes of package {@code from} use (nested classes as their own). */
    public Set<String> classesUsed(String from, String to) {
        Set<String> used = new TreeSet<>();
        for (String edge : classUses) {
            String[] ends = edge.split(" -> ");
            if (packageOf(ends[0]).equals(from) && packageOf(ends[1]).equals(to)) {
                used.add(ends[1].substring(to.length() + 1));
            }
        }
        return used;
    }

    /** Every package seen, with what it uses. */
    public Map<String, Set<String>> uses() {
        return uses;
    }

    /** The uses of packages starting with {@code prefix}, each as "class -> class". */
    public List<String> usesOf(String prefix) {
        List<String> found = new ArrayList<>();
        uses.forEach((from, tos) -> tos.stream().filter(t -> t.equals(prefix) || t.startsWith(prefix + "."))
                .forEach(t -> found.add(examples.get(from + " -> " + t))));
        return found;
    }

    /**
     * The package cycles: each strongly connected group of two or more packages, with one class-level use of
     * each edge inside it, so that a failure says where to cut. Empty if the packages form a layering.
     */
    public List<String> cycles() {
        List<String> cycles = new ArrayList<>();
        for (Set<String> group : stronglyConnected()) {
            if (group.size() < 2) {
                continue;
            }
            List<String> edges = new ArrayList<>();
            for (String from : group) {
                for (String to : uses.getOrDefault(from, Set.of())) {
                    if (group.contains(to)) {
                        edges.add(examples.get(from + " -> " + to));
                    }
                }
            }
            cycles.add(group + " through " + edges);
        }
        return cycles;
    }

    /** Tarjan's algorithm, iteratively over a small graph. */
    private List<Set<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> groups = new ArrayList<>();
        int[] counter = {0};
        for (String start : uses.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, index, low, stack, onStack, groups, counter);
            }
        }
        return groups;
    }

    private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, List<Set<String>> groups, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : uses.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, groups, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> group = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            groups.add(group);
        }
    }
}
