package dev.tocsin.spring;

/**
 * A {@code tocsin.*} property whose value the starter cannot use. The message is the property's Spring name and what
 * is wrong with it, never the value of a secret; {@link TocsinFailureAnalyzer} turns it into Spring Boot's
 * "APPLICATION FAILED TO START" report with an action to take.
 */
final class TocsinPropertyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String action;

    /**
     * @param property the property's Spring name, such as {@code tocsin.health.interval}
     * @param problem what is wrong, starting with the property's name
     * @param action what to do about it
     */
    TocsinPropertyException(String property, String problem, String action) {
        super(problem);
        this.property = property;
        this.action = action;
    }

    String property() {
        return property;
    }

    String action() {
        return action;
    }
}
