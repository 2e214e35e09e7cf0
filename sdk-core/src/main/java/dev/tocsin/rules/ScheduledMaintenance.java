package dev.tocsin.rules;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A maintenance window from configuration: either recurring (on some days of the week, from one local time to
 * another, crossing midnight if {@code to} is not after {@code from}) or one-off (from one local date-time to
 * another), in a time zone, so a nightly backup at 02:00 Europe/Berlin stays at 02:00 across daylight-saving changes.
 * A local time that a clock change skips starts the window at the first time that exists after it.
 *
 * <pre>{@code
 * ScheduledMaintenance.weekly("nightly-backup", ZoneId.of("Europe/Berlin"), LocalTime.of(2, 0), LocalTime.of(3, 30))
 *     .on(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
 *     .when(Condition.of("component == 'database'"));
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class ScheduledMaintenance {
    private final String name;
    private final ZoneId zone;
    private final Set<DayOfWeek> days;
    private final LocalTime from;
    private final LocalTime to;
    private final LocalDateTime start;
    private final LocalDateTime end;
    private final Condition condition;

    private ScheduledMaintenance(String name, ZoneId zone, Set<DayOfWeek> days, LocalTime from, LocalTime to,
            LocalDateTime start, LocalDateTime end, Condition condition) {
        this.name = name;
        this.zone = zone;
        this.days = days;
        this.from = from;
        this.to = to;
        this.start = start;
        this.end = end;
        this.condition = condition;
    }

    /**
     * A window every day from {@code from} to {@code to} (local times in {@code zone}); narrow it with
     * {@link #on(DayOfWeek...)}.
     *
     * @throws InvalidRuleException if a value is missing or {@code from} equals {@code to}
     */
    public static ScheduledMaintenance weekly(String name, ZoneId zone, LocalTime from, LocalTime to) {
        String who = who(name);
        require(who, "zone", zone);
        require(who, "from", from);
        require(who, "to", to);
        if (from.equals(to)) {
            throw new InvalidRuleException(who, "to", "equals 'from'; the window would last no time");
        }
        return new ScheduledMaintenance(name.strip(), zone, EnumSet.allOf(DayOfWeek.class), from, to, null, null,
                Condition.always());
    }

    /**
     * A window once, from {@code start} to {@code end} (local date-times in {@code zone}).
     *
     * @throws InvalidRuleException if a value is missing or {@code end} is not after {@code start}
     */
    public static ScheduledMaintenance once(String name, ZoneId zone, LocalDateTime start, LocalDateTime end) {
        String who = who(name);
        require(who, "zone", zone);
        require(who, "start", start);
        require(who, "end", end);
        if (!end.isAfter(start)) {
            throw new InvalidRuleException(who, "end", "is not after 'start'");
        }
        return new ScheduledMaintenance(name.strip(), zone, null, null, null, start, end, Condition.always());
    }

    /** The same window on these days of the week only (the day the window starts). */
    public ScheduledMaintenance on(DayOfWeek... days) {
        String who = who(name);
        if (start != null) {
            throw new InvalidRuleException(who, "days", "a one-off window (start/end) has no days");
        }
        if (days == null || days.length == 0) {
            throw new InvalidRuleException(who, "days", "names no day");
        }
        EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d : days) {
            set.add(require(who, "days", d));
        }
        return new ScheduledMaintenance(name, zone, set, from, to, null, null, condition);
    }

    /** The same window for the triggers that meet this condition only (default: every trigger). */
    public ScheduledMaintenance when(Condition condition) {
        return new ScheduledMaintenance(name, zone, days, from, to, start, end,
                require(who(name), "when", condition));
    }

    public String name() {
        return name;
    }

    public Condition condition() {
        return condition;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The occurrence open at {@code now}, as its start and end, or {@code null} if the window is closed then.
     */
    public Instant[] occurrenceAt(Instant now) {
        if (start != null) {
            Instant s = start.atZone(zone).toInstant();
            Instant e = end.atZone(zone).toInstant();
            return !now.isBefore(s) && now.isBefore(e) ? new Instant[] {s, e} : null;
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        for (LocalDate d = today.minusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
            if (days.contains(d.getDayOfWeek())) {
                Instant s = ZonedDateTime.of(d, from, zone).toInstant();
                Instant e = ZonedDateTime.of(to.isAfter(from) ? d : d.plusDays(1), to, zone).toInstant();
                if (!now.isBefore(s) && now.isBefore(e)) {
                    return new Instant[] {s, e};
                }
            }
        }
        return null;
    }

    /** The next instant after {@code now} when the window opens or closes, or {@code null} if it never will. */
    public Instant nextChange(Instant now) {
        Instant[] open = occurrenceAt(now);
        if (open != null) {
            return open[1];
        }
        if (start != null) {
            Instant s = start.atZone(zone).toInstant();
            return now.isBefore(s) ? s : null;
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        for (int i = 0; i <= 8; i++) {
            LocalDate d = today.plusDays(i);
            if (days.contains(d.getDayOfWeek())) {
                Instant s = ZonedDateTime.of(d, from, zone).toInstant();
                if (s.isAfter(now)) {
                    return s;
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        String when = start != null ? start + " to " + end
                : (days.size() == 7 ? "daily" : days.toString()) + " " + from + " to " + to;
        return "maintenance '" + name + "' " + when + " " + zone + " when " + condition;
    }

    /** Parses a zone as configuration gives it. */
    static ZoneId zone(String who, String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidRuleException(who, "zone", "'" + zone.strip() + "' is not a time zone (use a name such as"
                    + " Europe/Berlin, or UTC, or an offset such as +02:00)");
        }
    }

    static String who(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRuleException("maintenance window (unnamed)", "name", "is required");
        }
        return "maintenance window '" + name.strip() + "'";
    }

    private static <T> T require(String who, String field, T value) {
        if (value == null) {
            throw new InvalidRuleException(who, field, "is required");
        }
        return Objects.requireNonNull(value);
    }
}
