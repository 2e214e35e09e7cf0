package dev.tocsin.rules;

import java.time.Instant;

/**
 * A maintenance window: while it is open, triggers that meet its condition are suppressed (counted in
 * {@code stats().suppressed()} and the {@code tocsin.events.suppressed} metric, not sent). Acknowledges and resolves
 * are always delivered, so an incident that ends during the window is closed. Its end is logged with the number of
 * triggers it suppressed. Thread-safe.
 */
public interface MaintenanceWindow extends AutoCloseable {

    /** The window's name or reason, as given; shown in logs and the actuator endpoint. */
    String name();

    /** Which triggers it suppresses. */
    Condition condition();

    /** When it opened (for a scheduled window, its current or next occurrence's start). */
    Instant start();

    /** When it closes (for a scheduled window, its current or next occurrence's end). */
    Instant end();

    /** Whether it is open now. */
    boolean active();

    /** Triggers it has suppressed so far. */
    long suppressed();

    /** Whether it comes from configuration (a schedule) rather than from code or the actuator endpoint. */
    boolean scheduled();

    /** Closes the window now; a scheduled window cannot be closed, and this does nothing for it. Idempotent. */
    @Override
    void close();
}
