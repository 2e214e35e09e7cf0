package dev.tocsin.compat;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A library Tocsin links against and the versions it supports: {@code floor} or later, below major version
 * {@code ceiling}. The version is read from the library itself; when it cannot be read (a repackaged jar, say),
 * the {@code probe} decides by looking for what Tocsin calls, so an unknown version never fails on its own.
 *
 * @param library the name users know, with the artifact, as in {@code "Jackson (jackson-databind)"}
 * @param floor the oldest supported version, as in {@code "2.12.0"}
 * @param ceiling the first major version that is not supported, as in {@code 3}
 * @param version reads the version on the class path; may return {@code null}
 * @param probe whether what Tocsin calls is there, for when the version cannot be read
 */
public record Requirement(String library, String floor, int ceiling, Supplier<String> version,
        BooleanSupplier probe) {
    private static final Pattern NUMBERS = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    /**
     * A requirement on the library that holds {@code anchor}, whose version is read by {@link LibraryVersion} from a
     * manifest that names it by {@code mark}.
     */
    public static Requirement of(String library, Class<?> anchor, String mark, String floor, int ceiling,
            BooleanSupplier probe) {
        return new Requirement(library, floor, ceiling, () -> LibraryVersion.of(anchor, mark), probe);
    }

    /** What is wrong, naming the library, the version found and the versions needed; {@code null} if nothing. */
    public String problem() {
        String found = found();
        int[] v = parse(found);
        if (v == null) {
            return passes() ? null : library + " (version unknown) lacks what Tocsin calls; Tocsin needs "
                    + supported();
        }
        return compare(v, parse(floor)) >= 0 && v[0] < ceiling ? null
                : library + " " + found + " is on the class path; Tocsin needs " + supported();
    }

    /** The supported versions in words: {@code "2.12.0 or a later 2.x"}, {@code "1.7.1 to 2.x"}. */
    public String supported() {
        int floorMajor = parse(floor)[0];
        return floorMajor == ceiling - 1 ? floor + " or a later " + floorMajor + ".x"
                : floor + " to " + (ceiling - 1) + ".x";
    }

    /** The version on the class path, or {@code null} if it cannot be read. */
    String found() {
        try {
            return version.get();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private boolean passes() {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Major, minor and patch of a version string (qualifiers and a fourth number ignored), or {@code null}. */
    static int[] parse(String version) {
        Matcher m = NUMBERS.matcher(version == null ? "" : version.strip());
        if (!m.find()) {
            return null;
        }
        int[] out = new int[3];
        for (int i = 0; i < 3; i++) {
            String part = m.group(i + 1);
            try {
                out[i] = part == null ? 0 : Integer.parseInt(part);
            } catch (NumberFormatException e) {
                return null; // more digits than an int: not a version
            }
        }
        return out;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
