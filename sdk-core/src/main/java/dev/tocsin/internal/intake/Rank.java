package dev.tocsin.internal.intake;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.PendingAlert;

/**
 * How much an event matters when something must give: a full intake queue or lane sheds the lowest rank first,
 * and a lane sends the highest first. Acknowledge and resolve rank above every trigger (they are tiny and end
 * incidents); change events rank below every trigger. Ranks are small ints so that per-rank counts are arrays.
 */
public final class Rank {
    /** Marks a submission the intake queue gave up for a more severe one. */
    static final int SHED = -1;
    public static final int CHANGE = 0;
    public static final int INFO = 1;
    public static final int WARNING = 2;
    public static final int ERROR = 3;
    public static final int CRITICAL = 4;
    public static final int CLEARS = 5;
    /** The number of ranks. */
    public static final int COUNT = 6;

    private Rank() {
    }

    /** A trigger's rank: its severity's, {@code null} counting as {@link Severity#ERROR}. */
    public static int of(Severity severity) {
        if (severity == null) {
            return ERROR;
        }
        return switch (severity) {
            case CRITICAL -> CRITICAL;
            case ERROR -> ERROR;
            case WARNING -> WARNING;
            case INFO -> INFO;
        };
    }

    public static int of(Alert alert) {
        return alert.action() == Action.TRIGGER ? of(alert.severity()) : CLEARS;
    }

    /** The rank of what a caller hands over: cheap, so that it can run on the caller's thread. */
    public static int ofEvent(Object event) {
        if (event instanceof Alert a) {
            return of(a);
        }
        if (event instanceof PendingAlert p) {
            try {
                return of(p.severity());
            } catch (RuntimeException | LinkageError e) {
                return ERROR; // an integration's bug must not reach its caller
            }
        }
        return event instanceof ChangeEvent ? CHANGE : ERROR;
    }
}
