package dev.tocsin.internal.rules;

import dev.tocsin.internal.expr.EventFields;
import dev.tocsin.internal.expr.Expression;
import dev.tocsin.internal.expr.Node;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.rules.Condition;
import dev.tocsin.rules.MaintenanceWindow;
import dev.tocsin.rules.ScheduledMaintenance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's maintenance windows: opened from any thread (code, the actuator endpoint), scheduled from configuration,
 * checked and retired on the dispatch thread, which logs each window's end with what it suppressed.
 */
public final class Maintenance {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    /** The longest window opened from code: a forgotten window must not silence an application for good. */
    public static final Duration LONGEST = Duration.ofDays(7);
    /** The most windows open at once: a caller in a loop must not grow memory without end. */
    static final int MAX_OPEN = 1000;
    /** How long an ended window is kept, for triggers accepted before its end that wait in the intake queue. */
    static final Duration RETIRE_AFTER = Duration.ofMinutes(1);

    private final Clock clock;
    private final Counters counters;
    private final CopyOnWriteArrayList<Opened> open = new CopyOnWriteArrayList<>();
    private final List<Scheduled> scheduled;
    private final Runnable wake;

    public Maintenance(Clock clock, Counters counters, List<ScheduledMaintenance> schedules, Runnable wake) {
        this.clock = clock;
        this.counters = counters;
        this.wake = wake;
        List<Scheduled> s = new ArrayList<>();
        for (ScheduledMaintenance m : schedules) {
            s.add(new Scheduled(m, Expression.parse(m.condition().toString())));
        }
        this.scheduled = List.copyOf(s);
    }

    /** A window that is already over: what a client without maintenance support gives back. */
    public static MaintenanceWindow inactive(String name, Duration length, Condition matcher) {
        check(name, length, matcher);
        Instant now = Instant.now();
        return new Opened(name.strip(), matcher, now, now, null, true, Clock.systemUTC(), () -> { });
    }

    /** A name as logs and the actuator show it: control characters out, at most 100 characters. */
    private static String printable(String name) {
        String clean = name.strip().replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= 100 ? clean : clean.substring(0, 97) + "...";
    }

    private static void check(String name, Duration length, Condition matcher) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tocsin: maintenance: name must not be blank");
        }
        Objects.requireNonNull(matcher, "tocsin: maintenance: matcher must not be null (Condition.always() for all)");
        if (length == null || length.isNegative() || length.isZero() || length.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("tocsin: maintenance: length must be positive and at most 7 days, was "
                    + length);
        }
    }

    /** Opens a window now; any thread. */
    public MaintenanceWindow open(String name, Duration length, Condition matcher) {
        check(name, length, matcher);
        if (open.size() >= MAX_OPEN) { // closed ones count too, for the minute they are kept
            throw new IllegalStateException("tocsin: maintenance: " + MAX_OPEN + " windows are open already");
        }
        Instant now = clock.instant();
        Opened w = new Opened(printable(name), matcher, now, now.plus(length), Expression.parse(matcher.toString()),
                false, clock, wake);
        open.add(w);
        LOG.info("tocsin: maintenance window '{}' opened until {}; triggers where {} are suppressed", w.name, w.end,
                matcher);
        wake.run();
        return w;
    }

    /**
     * The window that suppresses this trigger, counted; {@code null} if none does. Dispatch thread.
     *
     * @param at when the trigger was accepted: a trigger made while a window was open is suppressed even if the
     *     window closed before the dispatch thread got to it
     */
    public MaintenanceWindow suppressing(EventFields event, Instant at) {
        Instant now = at;
        for (Opened w : open) {
            if (w.activeAt(now) && matches(w.node, event, w.name)) {
                w.suppressed.incrementAndGet();
                counters.suppressed("maintenance");
                return w;
            }
        }
        for (Scheduled s : scheduled) {
            if (s.schedule.occurrenceAt(now) != null && matches(s.node, event, s.schedule.name())) {
                s.suppressed.incrementAndGet();
                s.thisOccurrence++;
                counters.suppressed("maintenance");
                return s;
            }
        }
        return null;
    }

    /** A window's condition; one that fails (a regular expression out of its budget) counts as not matching. */
    private boolean matches(Node node, EventFields event, String window) {
        try {
            return node.test(event);
        } catch (RuntimeException e) {
            counters.ruleFailed();
            LOG.warn("tocsin: the condition of maintenance window '{}' could not be evaluated for an event ({}); it"
                    + " counts as not matching", window, e.getClass().getSimpleName());
            return false;
        }
    }

    /** Whether any window may be open: a cheap check before building the fields a window would test. */
    public boolean any() {
        return !open.isEmpty() || !scheduled.isEmpty();
    }

    /**
     * Logs each window's end (and each scheduled start), and retires ended windows a minute later, once the triggers
     * accepted while they were open have surely been judged. Dispatch thread.
     */
    public void sweep(Instant now) {
        for (Opened w : open) {
            Instant ended = w.endedAt();
            if (!now.isBefore(ended) && !w.logged) {
                w.logged = true;
                LOG.info("tocsin: maintenance window '{}' {}; it suppressed {} triggers", w.name,
                        w.closedAt != null && w.closedAt.isBefore(w.end) ? "was closed" : "ended", w.suppressed.get());
            }
            if (!now.isBefore(ended.plus(RETIRE_AFTER))) {
                open.remove(w);
            }
        }
        for (Scheduled s : scheduled) {
            boolean isOpen = s.schedule.occurrenceAt(now) != null;
            if (isOpen && !s.wasOpen) {
                LOG.info("tocsin: scheduled maintenance window '{}' began", s.schedule.name());
            } else if (!isOpen && s.wasOpen) {
                LOG.info("tocsin: scheduled maintenance window '{}' ended; it suppressed {} triggers",
                        s.schedule.name(), s.thisOccurrence);
                s.thisOccurrence = 0;
            }
            s.wasOpen = isOpen;
        }
    }

    /** When the next window opens or closes, for the dispatch loop's sleep; {@code null} if none will. */
    public Instant nextChange(Instant now) {
        Instant next = null;
        for (Opened w : open) {
            Instant ended = w.endedAt();
            next = earlier(next, w.logged ? ended.plus(RETIRE_AFTER) : ended);
        }
        for (Scheduled s : scheduled) {
            next = earlier(next, s.schedule.nextChange(now));
        }
        return next;
    }

    /** Windows open now, soonest end first, then the scheduled ones that are not open. */
    public List<MaintenanceWindow> windows() {
        Instant now = clock.instant();
        List<MaintenanceWindow> out = new ArrayList<>();
        open.stream().filter(w -> w.activeAt(now)).forEach(out::add);
        scheduled.forEach(out::add);
        out.sort(Comparator.comparing((MaintenanceWindow w) -> !w.active()).thenComparing(MaintenanceWindow::end,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    /** How many windows are open now. */
    public int active() {
        Instant now = clock.instant();
        int n = 0;
        for (Opened w : open) {
            n += w.activeAt(now) ? 1 : 0;
        }
        for (Scheduled s : scheduled) {
            n += s.schedule.occurrenceAt(now) != null ? 1 : 0;
        }
        return n;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private final class Scheduled implements MaintenanceWindow {
        final ScheduledMaintenance schedule;
        final Node node;
        final AtomicLong suppressed = new AtomicLong();
        /** Dispatch thread: whether it was open at the last sweep, and what it suppressed since it opened. */
        boolean wasOpen;
        long thisOccurrence;

        Scheduled(ScheduledMaintenance schedule, Node node) {
            this.schedule = schedule;
            this.node = node;
        }

        @Override
        public String name() {
            return schedule.name();
        }

        @Override
        public Condition condition() {
            return schedule.condition();
        }

        @Override
        public Instant start() {
            Instant now = clock.instant();
            Instant[] o = schedule.occurrenceAt(now);
            return o != null ? o[0] : schedule.nextChange(now);
        }

        @Override
        public Instant end() {
            Instant now = clock.instant();
            Instant[] o = schedule.occurrenceAt(now);
            if (o != null) {
                return o[1];
            }
            Instant next = schedule.nextChange(now);
            Instant[] then = next == null ? null : schedule.occurrenceAt(next);
            return then == null ? null : then[1];
        }

        @Override
        public boolean active() {
            return schedule.occurrenceAt(clock.instant()) != null;
        }

        @Override
        public long suppressed() {
            return suppressed.get();
        }

        @Override
        public boolean scheduled() {
            return true;
        }

        @Override
        public void close() {
            // a schedule belongs to the configuration
        }

        @Override
        public String toString() {
            return schedule.toString();
        }
    }

    private static final class Opened implements MaintenanceWindow {
        final String name;
        final Condition condition;
        final Instant start;
        final Instant end;
        final Node node;
        final AtomicLong suppressed = new AtomicLong();
        /** When {@link #close()} was called; {@code null} while it was not. */
        volatile Instant closedAt;
        /** Dispatch thread: whether its end was logged. */
        boolean logged;
        private final Clock clock;
        private final Runnable wake;

        Opened(String name, Condition condition, Instant start, Instant end, Node node, boolean over, Clock clock,
                Runnable wake) {
            this.name = name;
            this.condition = condition;
            this.start = start;
            this.end = end;
            this.node = node;
            this.closedAt = over ? start : null;
            this.clock = clock;
            this.wake = wake;
        }

        boolean activeAt(Instant at) {
            return !at.isBefore(start) && at.isBefore(endedAt());
        }

        /** When it ended or will end: its planned end, or when it was closed if that was sooner. */
        Instant endedAt() {
            Instant closed = closedAt;
            return closed != null && closed.isBefore(end) ? closed : end;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Condition condition() {
            return condition;
        }

        @Override
        public Instant start() {
            return start;
        }

        @Override
        public Instant end() {
            return endedAt();
        }

        @Override
        public boolean active() {
            return activeAt(clock.instant());
        }

        @Override
        public long suppressed() {
            return suppressed.get();
        }

        @Override
        public boolean scheduled() {
            return false;
        }

        @Override
        public synchronized void close() {
            if (closedAt == null) {
                closedAt = clock.instant();
                wake.run(); // the dispatch loop logs the end now, not at the window's planned end
            }
        }

        @Override
        public String toString() {
            return "maintenance '" + name + "' until " + end + " when " + condition;
        }
    }
}
