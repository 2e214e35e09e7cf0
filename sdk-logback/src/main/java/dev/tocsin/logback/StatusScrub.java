package dev.tocsin.logback;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusManager;
import dev.tocsin.spi.Scrubbing;
import java.util.Iterator;
import java.util.List;

/**
 * Takes a routing key out of the statuses Logback recorded while it read the configuration.
 *
 * <p>With {@code <routingKey>${TOCSIN_ROUTING_KEY}</routingKey>}, Logback's variable substitution records the INFO
 * status {@code value "<the key>" substituted for "${TOCSIN_ROUTING_KEY}"} (it masks only variables whose names
 * contain PASSWORD, SECRET or CONFIDENTIAL) before the appender is even given the key, and Logback prints every
 * status when the configuration has a warning or an error, or says {@code debug="true"}. The appender cannot stop
 * that status being made. It can replace the recorded statuses by copies with the key masked, keeping their order
 * and time — but only while no status listener has been handed them: a listener ({@code debug="true"}, a
 * {@code <statusListener>}) has printed the key already, and replaying the statuses would print them all again.
 * Leaving {@code <routingKey>} out, so that the appender reads {@code TOCSIN_ROUTING_KEY} itself, avoids all this.
 */
final class StatusScrub {
    private StatusScrub() {
    }

    /** What {@link #mask} did. */
    enum Outcome {
        /** No status shows the key. */
        ABSENT,
        /** Statuses showed the key; now they show it masked. */
        MASKED,
        /** Statuses show the key and a listener has seen them, so they were left as they are. */
        PRINTED
    }

    static Outcome mask(StatusManager statuses, String key, String masked) {
        List<Status> all = statuses.getCopyOfStatusList();
        if (all.stream().noneMatch(s -> shows(s, key))) {
            return Outcome.ABSENT;
        }
        if (!statuses.getCopyOfStatusListenerList().isEmpty()) {
            return Outcome.PRINTED;
        }
        statuses.clear();
        for (Status s : all) {
            statuses.add(shows(s, key) ? new Masked(s, s.getMessage().replace(key, masked)) : s);
        }
        return Outcome.MASKED;
    }

    /** A message about to become a status, with each of these keys (12 characters or more) masked. */
    static String masked(String message, List<String> keys) {
        String out = String.valueOf(message);
        for (String k : keys) {
            if (k != null && k.length() >= 12) {
                out = out.replace(k, Scrubbing.mask(k));
            }
        }
        return out;
    }

    private static boolean shows(Status s, String key) {
        return s.getMessage() != null && s.getMessage().contains(key);
    }

    /** A status as it was, but for its message. */
    private static final class Masked implements Status {
        private final Status original;
        private final String message;

        Masked(Status original, String message) {
            this.original = original;
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public int getLevel() {
            return original.getLevel();
        }

        @Override
        public int getEffectiveLevel() {
            return original.getEffectiveLevel();
        }

        @Override
        public Object getOrigin() {
            return original.getOrigin();
        }

        @Override
        public Throwable getThrowable() {
            return original.getThrowable();
        }

        // Logback 1.3 and 1.4 have only getDate(); 1.5 added getTimestamp() and made getDate() a default: both
        // are here, and both read getDate(), which every supported Logback has. (No @Override: 1.3 lacks it.)
        public long getTimestamp() {
            Long date = original.getDate();
            return date == null ? 0L : date;
        }

        @Override
        public Long getDate() {
            return original.getDate();
        }

        @Override
        public boolean hasChildren() {
            return original.hasChildren();
        }

        @Override
        public void add(Status child) {
            original.add(child);
        }

        @Override
        public boolean remove(Status child) {
            return original.remove(child);
        }

        @Override
        public Iterator<Status> iterator() {
            return original.iterator();
        }

        @Override
        public String toString() {
            // as Logback's StatusBase prints itself, so the masked copy reads like the status it replaces
            StringBuilder text = new StringBuilder(switch (getEffectiveLevel()) {
                case Status.ERROR -> "ERROR";
                case Status.WARN -> "WARN";
                default -> "INFO";
            });
            if (getOrigin() != null) {
                text.append(" in ").append(getOrigin()).append(" -");
            }
            text.append(' ').append(message);
            if (getThrowable() != null) {
                text.append(' ').append(getThrowable());
            }
            return text.toString();
        }
    }
}
