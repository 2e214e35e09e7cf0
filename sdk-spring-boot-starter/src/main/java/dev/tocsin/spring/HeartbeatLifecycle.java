package dev.tocsin.spring;

import dev.tocsin.Heartbeat;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/** Starts the heartbeat when the application is ready ({@code /start}) and stops it on shutdown. */
final class HeartbeatLifecycle implements ApplicationListener<ApplicationReadyEvent>, SmartLifecycle {
    private final TocsinProperties.Heartbeat settings;
    private volatile Heartbeat heartbeat;

    HeartbeatLifecycle(TocsinProperties.Heartbeat settings) {
        this.settings = settings;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (heartbeat == null) {
            heartbeat = Heartbeat.start(settings.getUrl(), settings.getInterval(), settings.isAllowInsecureHttp());
        }
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
        Heartbeat h = heartbeat;
        if (h != null) {
            h.close();
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeat != null;
    }

    @Override
    public int getPhase() {
        return TocsinLifecycle.PHASE + 1; // stops just before the client
    }
}
