package dev.tocsin.spring.app;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application for the starter's full test: one health component, {@code payments}, whose status code the
 * test turns DOWN and UP. The component itself is in each Spring Boot line's tests ({@code PaymentsHealth}), in that
 * line's health API.
 */
@SpringBootApplication
public class OrdersApplication {
    public static final AtomicReference<String> PAYMENTS = new AtomicReference<>("UP");
    /** A detail of the component, with a password in it for the scrubbing to remove. */
    public static final String PAYMENTS_URL = "jdbc:postgresql://orders:hunter2@db.internal/payments";
}
