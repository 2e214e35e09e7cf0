package dev.tocsin.logback;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Markers that steer paging for a single log call.
 *
 * <pre>{@code
 * log.warn(TocsinMarkers.PAGE, "Replica lag above 30 s");          // pages although below the threshold
 * log.error(TocsinMarkers.NO_PAGE, "Expected failure, handled", e); // logged, never pages
 * log.error(TocsinMarkers.CRITICAL, "Payments are down", e);       // pages with severity critical
 * }</pre>
 */
public final class TocsinMarkers {
    /** Pages for this call even below the appender's threshold. */
    public static final Marker PAGE = MarkerFactory.getMarker("TOCSIN_PAGE");
    /** Never pages for this call. Wins over {@link #PAGE}. */
    public static final Marker NO_PAGE = MarkerFactory.getMarker("TOCSIN_NO_PAGE");
    /** Pages with severity critical; implies {@link #PAGE}. */
    public static final Marker CRITICAL = MarkerFactory.getMarker("TOCSIN_CRITICAL");

    private TocsinMarkers() {
    }
}
