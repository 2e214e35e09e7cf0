package dev.tocsin.spring;

import dev.tocsin.Heartbeat;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Pings the heartbeat while the application runs: {@code /start} once it is ready (a ping before that would tell
 * the outside service that an application which may yet fail is up), then every interval until the context stops.
 * A context stopped and started again pings again. The URL was checked when the bean was made
 * ({@link PropertyChecks}), so a bad one fails startup, not the ready event. Thread-safe.
 */
final class HeartbeatLifecycle implements ApplicationListener<ApplicationReadyEvent>, SmartLifecycle {
    private final TocsinProperties.Heartbeat settings;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean ready;
    private Heartbeat heartbeat;

    HeartbeatLifecycle(TocsinProperties.Heartbeat settings) {
        this.settings = settings;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        lock.lock();
        try {
            ready = true;
            ping();
        } finally {
            lock.unlock();
        }
    }

    /** Called as the context starts, before it is ready; pings only when started again after a stop. */
    @Override
    public void start() {
        lock.lock();
        try {
            if (ready) {
                ping();
            }
        } finally {
            lock.unlock();
        }
    }

    private void ping() {
        if (heartbeat == null) {
            heartbeat = Heartbeat.start(settings.getUrl(), settings.getInterval(), settings.isAllowInsecureHttp());
        }
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            if (heartbeat != null) {
                heartbeat.close();
                heartbeat = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether it pings: {@code false} before the application is ready and after {@link #stop()}. */
    @Override
    public boolean isRunning() {
        lock.lock();
        try {
            return heartbeat != null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int getPhase() {
        return TocsinLifecycle.PHASE + 1; // stops just before the client
    }
}
