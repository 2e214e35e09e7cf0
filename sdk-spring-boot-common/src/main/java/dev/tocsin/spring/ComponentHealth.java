package dev.tocsin.spring;

import java.util.Map;
import java.util.Objects;

/**
 * One health component's state as the starter reads it, the same on every Spring Boot line: the status code
 * ({@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE}, {@code UNKNOWN} or an application's own) and the details.
 * Each line's starter turns its own {@code Health} into this and back.
 *
 * @param status the status code, never {@code null}
 * @param details the details, never {@code null}; not copied
 */
record ComponentHealth(String status, Map<String, Object> details) {
    static final String UP = "UP";
    static final String DOWN = "DOWN";
    static final String OUT_OF_SERVICE = "OUT_OF_SERVICE";
    static final String UNKNOWN = "UNKNOWN";

    ComponentHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
    }

    /** What an indicator that threw reads as: DOWN, with the exception's class and message as Spring Boot gives them. */
    static ComponentHealth failed(RuntimeException e) {
        return new ComponentHealth(DOWN, Map.of("error", e.getClass().getName() + ": " + e.getMessage()));
    }

    /** Whether it pages when it lasts: DOWN or OUT_OF_SERVICE. */
    boolean down() {
        return DOWN.equals(status) || OUT_OF_SERVICE.equals(status);
    }
}
