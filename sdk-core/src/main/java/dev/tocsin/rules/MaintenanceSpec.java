package dev.tocsin.rules;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link ScheduledMaintenance} as configuration writes it ({@code tocsin.maintenance[n].*} in
 * {@code application.yml}, {@code <maintenance>} in {@code logback.xml}). Recurring:
 *
 * <pre>
 * name: nightly-backup
 * days: SAT, SUN          # optional: every day; MON..SUN or full names
 * from: "02:00"
 * to: "03:30"             # not after 'from': ends the next day
 * zone: Europe/Berlin     # optional: UTC
 * when: component == 'database'   # optional: every trigger
 * </pre>
 *
 * or one-off, with {@code start: 2026-12-24T18:00} and {@code end: 2026-12-27T08:00} instead of days, from and to.
 */
public class MaintenanceSpec {
    private String name;
    private String days;
    private String from;
    private String to;
    private String start;
    private String end;
    private String zone;
    private String when;

    /** @throws InvalidRuleException naming the window and the field that is wrong */
    public ScheduledMaintenance toSchedule(int position) {
        if (name == null || name.isBlank()) {
            throw new InvalidRuleException("maintenance window #" + position, "name", "is required");
        }
        String who = ScheduledMaintenance.who(name);
        ZoneId z = ScheduledMaintenance.zone(who, zone);
        ScheduledMaintenance s;
        boolean oneOff = !blank(start) || !blank(end);
        if (oneOff) {
            if (!blank(from) || !blank(to) || !blank(days)) {
                throw new InvalidRuleException(who, blank(from) ? blank(to) ? "days" : "to" : "from",
                        "a window has either start and end (once) or from and to (recurring), not both");
            }
            s = ScheduledMaintenance.once(name, z, dateTime(who, "start", start), dateTime(who, "end", end));
        } else {
            s = ScheduledMaintenance.weekly(name, z, time(who, "from", from), time(who, "to", to));
            if (!blank(days)) {
                s = s.on(days(who, days));
            }
        }
        if (!blank(when)) {
            try {
                s = s.when(Condition.of(when));
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleException(who, "when", e.getMessage().replaceFirst("^tocsin: condition ", ""));
            }
        }
        return s;
    }

    private static LocalTime time(String who, String field, String value) {
        if (blank(value)) {
            throw new InvalidRuleException(who, field, "is required (a local time such as 02:00), or give start and"
                    + " end for a one-off window");
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRuleException(who, field, "'" + value.strip() + "' is not a time such as 02:00");
        }
    }

    private static LocalDateTime dateTime(String who, String field, String value) {
        if (blank(value)) {
            throw new InvalidRuleException(who, field, "is required (a local date-time such as 2026-12-24T18:00)");
        }
        try {
            return LocalDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRuleException(who, field, "'" + value.strip() + "' is not a date-time such as"
                    + " 2026-12-24T18:00");
        }
    }

    private static DayOfWeek[] days(String who, String value) {
        List<DayOfWeek> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.strip().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            DayOfWeek found = null;
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().equals(p) || (p.length() == 3 && d.name().startsWith(p))) {
                    found = d;
                }
            }
            if (found == null) {
                throw new InvalidRuleException(who, "days", "'" + part.strip() + "' is not a day (MON to SUN)");
            }
            out.add(found);
        }
        return out.toArray(DayOfWeek[]::new);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDays() {
        return days;
    }

    public void setDays(String days) {
        this.days = days;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public String getEnd() {
        return end;
    }

    public void setEnd(String end) {
        this.end = end;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getWhen() {
        return when;
    }

    public void setWhen(String when) {
        this.when = when;
    }

    @Override
    public String toString() {
        return "MaintenanceSpec[name=" + name + "]";
    }
}
