package dev.tocsin.internal.report;

import dev.tocsin.internal.text.Throwables;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per interval for each topic and counts what it held back, so that a storm of
 * drops or refusals is reported without becoming a storm of log lines. Thread-safe.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final Clock clock;
    private final Duration interval;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.interval = interval;
    }

    /** Logs {@code message} (with SLF4J arguments) unless this topic was logged within the interval. */
    public void warn(String topic, String message, Object... args) {
        log(false, topic, message, args);
    }

    /** Like {@link #warn} at error level. */
    public void error(String topic, String message, Object... args) {
        log(true, topic, message, args);
    }

    /**
     * Like {@link #error}, for a failure that may come from application code: the failure is logged as a safe
     * copy ({@link Throwables#loggable}), since the logging back end would call its accessors.
     */
    public void failure(String topic, String message, Throwable failure, Object... args) {
        Window w = due(topic);
        if (w == null) {
            return; // held back: the copy, which reads the failure's accessors, is not even made
        }
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = Throwables.loggable(failure);
        write(w, true, message, all);
    }

    private void log(boolean error, String topic, String message, Object... args) {
        Window w = due(topic);
        if (w != null) {
            write(w, error, message, args);
        }
    }

    /** The topic's window if a report is due now, or {@code null} after counting this one as held back. */
    private Window due(String topic) {
        Window w = windows.get(topic);
        if (w == null) {
            w = windows.computeIfAbsent(topic, t -> new Window());
        }
        long now = clock.millis();
        long last = w.lastMillis.get();
        if (last != Long.MIN_VALUE && now - last < interval.toMillis() || !w.lastMillis.compareAndSet(last, now)) {
            w.held.incrementAndGet();
            return null;
        }
        return w;
    }

    private void write(Window w, boolean error, String message, Object... args) {
        long held = w.held.getAndSet(0);
        String text = held > 0 ? message + " ({} more like this since the last report)" : message;
        Object[] all = held > 0 ? append(args, held) : args;
        if (error) {
            log.error(text, all);
        } else {
            log.warn(text, all);
        }
    }

    /** Adds the count of held-back reports as the last argument, before a trailing throwable if there is one. */
    private static Object[] append(Object[] args, Object count) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        int at = args.length > 0 && args[args.length - 1] instanceof Throwable ? args.length - 1 : args.length;
        System.arraycopy(args, at, all, at + 1, args.length - at);
        all[at] = count;
        return all;
    }

    private static final class Window {
        final AtomicLong lastMillis = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong held = new AtomicLong();
    }
}
