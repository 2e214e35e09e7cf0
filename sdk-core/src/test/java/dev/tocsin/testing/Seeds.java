package dev.tocsin.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seeds for generated-parameter tests, reproducible from the command line.
 *
 * <p>Every property runs {@link #BATCHES} batches of {@link #CASES_PER_BATCH} cases; each case has its own seed,
 * derived from the base seed, the property's name and the case's number, so adding a property never shifts the
 * cases of another. The base seed is {@value #DEFAULT_SEED} unless {@code -Dtocsin.seed=<long>} (decimal or
 * {@code 0x…}) or {@code -Dtocsin.seed=random} says otherwise; {@code -Dtocsin.case=<seed>} runs the one case a
 * failure message names. Batch display names show their seeds; failure messages show the case seed.
 */
public final class Seeds {
    public static final long DEFAULT_SEED = 0x70C5_1A_2025L;
    public static final int BATCHES = 20;
    public static final int CASES_PER_BATCH = 10;
    /** A property that failed this many batches is not run further in this JVM: it is falsified already. */
    static final int FAILED_BATCHES_BEFORE_GIVING_UP = 2;

    private static final long BASE = base();
    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    private Seeds() {
    }

    private static long base() {
        String value = System.getProperty("tocsin.seed");
        if (value == null || value.isBlank()) {
            return DEFAULT_SEED;
        }
        if (value.equalsIgnoreCase("random")) {
            long seed = new java.security.SecureRandom().nextLong();
            System.out.println("tocsin.seed=random chose -Dtocsin.seed=" + hex(seed));
            return seed;
        }
        return parse(value);
    }

    /** The batches of one property, each an argument set named after its seeds, holding a {@code long[]}. */
    public static Stream<Arguments> batches(String property) {
        String single = System.getProperty("tocsin.case");
        if (single != null && !single.isBlank()) {
            long seed = parse(single);
            return Stream.of(Arguments.argumentSet("case " + hex(seed), (Object) new long[] {seed}));
        }
        List<Arguments> out = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            long[] seeds = new long[CASES_PER_BATCH];
            for (int c = 0; c < CASES_PER_BATCH; c++) {
                seeds[c] = caseSeed(property, b * CASES_PER_BATCH + c);
            }
            out.add(Arguments.argumentSet("base " + hex(BASE) + " batch " + b + " cases " + hex(seeds[0]) + "…",
                    (Object) seeds));
        }
        return out.stream();
    }

    /** The seeds of one property as single cases, for checks cheap enough to need no batching. */
    public static Stream<Arguments> cases(String property, int count) {
        String single = System.getProperty("tocsin.case");
        if (single != null && !single.isBlank()) {
            long seed = parse(single);
            return Stream.of(Arguments.argumentSet("case " + hex(seed), seed));
        }
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> {
            long seed = caseSeed(property, i);
            return Arguments.argumentSet("seed " + hex(seed), seed);
        });
    }

    public static long caseSeed(String property, int index) {
        return mix(BASE ^ mix(property.hashCode()) ^ mix(index + 0x9E37_79B9L));
    }

    /** How to rerun one case, for failure messages. */
    public static String rerun(long caseSeed) {
        return "case seed " + hex(caseSeed) + " (rerun with -Dtocsin.case=" + hex(caseSeed) + ")";
    }

    /**
     * Skips (as aborted, not passed) the rest of a property that has already failed often enough: a dead
     * delivery thread makes every later case wait out its timeout, and one counterexample is enough.
     */
    public static void skipIfFalsified(String property) {
        int failed = FAILURES.getOrDefault(property, new AtomicInteger()).get();
        Assumptions.assumeTrue(failed < FAILED_BATCHES_BEFORE_GIVING_UP,
                () -> property + " already failed " + failed + " batches; see those for counterexamples");
    }

    /** Records a failed batch of a property. */
    public static void falsified(String property) {
        FAILURES.computeIfAbsent(property, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A seed as {@link #hex} prints it, or in decimal. */
    static long parse(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
    }

    public static String hex(long seed) {
        return "0x" + Long.toHexString(seed);
    }

    /** SplitMix64's finaliser: neighbouring inputs give unrelated seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
