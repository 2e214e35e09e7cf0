package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.rules.Condition;
import dev.tocsin.rules.MaintenanceWindow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.lang.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.convert.DurationStyle;

/**
 * The client's maintenance windows, for a deploy pipeline: {@code GET /actuator/tocsinmaintenance} lists them,
 * {@code POST} with {@code name}, {@code duration} ({@code 15m}, {@code PT15M}) and an optional {@code when}
 * condition opens one now and answers with it, {@code DELETE /actuator/tocsinmaintenance/<name>} closes the open
 * windows of that name. While a window is open, the triggers it matches are suppressed; acknowledges and resolves
 * still go out. Bad input is a 400 answer saying what is wrong ({@link InvalidEndpointRequestException}).
 *
 * <p>It silences pages, so it is off by default, as a write endpoint should be: grant it with
 * {@code management.endpoint.tocsinmaintenance.access=unrestricted} and expose it
 * ({@code management.endpoints.web.exposure.include=tocsinmaintenance}), behind the security of other write
 * endpoints. Thread-safe.
 */
@Endpoint(id = "tocsinmaintenance", defaultAccess = Access.NONE)
public class MaintenanceEndpoint {
    private final Tocsin tocsin;

    MaintenanceEndpoint(Tocsin tocsin) {
        this.tocsin = tocsin;
    }

    /** The windows open now and the scheduled ones, soonest end first. */
    @ReadOperation
    public Map<String, Object> windows() {
        return Map.of("windows", tocsin.maintenanceWindows().stream().map(MaintenanceEndpoint::describe).toList());
    }

    /**
     * Opens a window now.
     *
     * @param name what it is for, such as {@code deploy 1.4.2}; shown in logs and here
     * @param duration how long: {@code 15m}, {@code 1h}, {@code PT15M}; at most 7 days
     * @param when which triggers it suppresses, such as {@code component == 'checkout'}; every trigger if unset
     */
    // Spring's @Nullable marks when as optional on both lines: Spring Boot 3.5 reads this annotation, 4 any @Nullable
    @WriteOperation
    public Map<String, Object> open(String name, String duration, @Nullable String when) {
        if (name == null || name.isBlank()) {
            throw bad("name is required: what the window is for, such as 'deploy 1.4.2'");
        }
        Duration length;
        try {
            length = DurationStyle.detectAndParse(duration == null ? "" : duration.strip());
        } catch (IllegalArgumentException e) {
            throw bad("duration '" + duration + "' is not a duration; write one such as 15m, 1h or PT15M");
        }
        Condition condition;
        try {
            condition = when == null || when.isBlank() ? Condition.always() : Condition.of(when);
        } catch (IllegalArgumentException e) {
            throw bad("when: " + e.getMessage().replaceFirst("^tocsin: condition ", ""));
        }
        try {
            return describe(tocsin.maintenance(name.strip(), length, condition));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw bad(e.getMessage().replaceFirst("^tocsin: maintenance: ", ""));
        }
    }

    /** Closes the open windows of this name; a scheduled window belongs to the configuration and stays. */
    @DeleteOperation
    public Map<String, Object> close(@Selector String name) {
        int closed = 0;
        int scheduled = 0;
        for (MaintenanceWindow w : tocsin.maintenanceWindows()) {
            if (!w.name().equals(name)) {
                continue;
            }
            if (w.scheduled()) {
                scheduled++;
            } else if (w.active()) {
                w.close();
                closed++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("closed", closed);
        if (scheduled > 0) {
            out.put("message", "a scheduled window (tocsin.maintenance) is part of the configuration; it is not"
                    + " closed here");
        }
        return out;
    }

    static Map<String, Object> describe(MaintenanceWindow w) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", w.name());
        out.put("start", w.start() == null ? null : w.start().toString());
        out.put("end", w.end() == null ? null : w.end().toString());
        out.put("active", w.active());
        out.put("scheduled", w.scheduled());
        out.put("condition", w.condition().toString());
        out.put("suppressed", w.suppressed());
        return out;
    }

    private static InvalidEndpointRequestException bad(String reason) {
        return new InvalidEndpointRequestException("tocsinmaintenance: " + reason, reason);
    }
}
