package dev.tocsin.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.tocsin.compat.Requirement;

/**
 * The Logback versions the appender runs on: 1.3 and later 1.x. 1.3 is the first with
 * {@code ILoggingEvent.getMarkerList()}, which the appender calls on the logging thread; on 1.2 that call would
 * throw {@code NoSuchMethodError} into the application's logging call, so the appender refuses to start instead.
 */
final class LogbackVersion {
    static final Requirement REQUIRED = Requirement.of("Logback (logback-classic)",
            ch.qos.logback.classic.Logger.class, "logback", "1.3.0", 2, LogbackVersion::hasMarkerList);

    private LogbackVersion() {
    }

    /** What is wrong with the Logback on the class path, or {@code null} if nothing. */
    static String problem() {
        return REQUIRED.problem();
    }

    private static boolean hasMarkerList() {
        try {
            ILoggingEvent.class.getMethod("getMarkerList");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
