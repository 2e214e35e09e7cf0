package dev.tocsin.testing;

import dev.tocsin.TocsinStats;

/**
 * Reads counters {@link TocsinStats} is about to gain ({@code internalErrors()}, {@code dispatcherRestarts()}),
 * reflectively so these tests compile before the accessors exist; a missing one fails the test that asks.
 */
public final class StatsProbe {
    private StatsProbe() {
    }

    /** Events settled because processing them failed. */
    public static long internalErrors(TocsinStats stats) {
        return read(stats, "internalErrors");
    }

    /** How often the dispatch thread was restarted after it died. */
    public static long dispatcherRestarts(TocsinStats stats) {
        return read(stats, "dispatcherRestarts");
    }

    private static long read(TocsinStats stats, String accessor) {
        try {
            return ((Number) TocsinStats.class.getMethod(accessor).invoke(stats)).longValue();
        } catch (NoSuchMethodException e) {
            throw new AssertionError("TocsinStats." + accessor + "() does not exist yet", e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("could not read TocsinStats." + accessor + "()", e);
        }
    }
}
