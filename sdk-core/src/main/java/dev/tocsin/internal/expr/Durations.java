package dev.tocsin.internal.expr;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as configuration writes them: {@code 10m}, {@code 30s}, {@code 2h}, {@code 10 minutes}, {@code PT10M}. */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*([a-zA-Z]+)");

    private Durations() {
    }

    /** @throws IllegalArgumentException saying what is wrong */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; write a duration such as 10m, 30s or 2h");
        }
        String t = text.strip();
        if (t.regionMatches(true, 0, "P", 0, 1)) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw bad(t);
            }
        }
        Matcher m = SIMPLE.matcher(t);
        if (!m.matches()) {
            throw bad(t);
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms": case "millis": case "milliseconds":
                return Duration.ofMillis(n);
            case "s": case "sec": case "second": case "seconds":
                return Duration.ofSeconds(n);
            case "m": case "min": case "minute": case "minutes":
                return Duration.ofMinutes(n);
            case "h": case "hour": case "hours":
                return Duration.ofHours(n);
            case "d": case "day": case "days":
                return Duration.ofDays(n);
            default:
                throw bad(t);
        }
    }

    private static IllegalArgumentException bad(String t) {
        return new IllegalArgumentException("'" + t + "' is not a duration; write one such as 10m, 30s, 2h or PT10M");
    }
}
