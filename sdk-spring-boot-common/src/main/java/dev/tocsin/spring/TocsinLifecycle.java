package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the client late in shutdown: after the web server has stopped taking requests (its lifecycle phases
 * are higher, so they stop first) and before Spring Boot stops the logging system (phase
 * {@code Integer.MIN_VALUE + 1}), so what the last requests logged still pages.
 */
final class TocsinLifecycle implements SmartLifecycle {
    static final int PHASE = Integer.MIN_VALUE + 1_000;
    private final Tocsin tocsin;
    private volatile boolean running;

    TocsinLifecycle(Tocsin tocsin) {
        this.tocsin = tocsin;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        tocsin.close(); // returns within the shutdown timeout
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
