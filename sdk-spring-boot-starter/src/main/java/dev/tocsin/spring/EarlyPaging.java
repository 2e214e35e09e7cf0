package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.UncaughtExceptionAlerts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Attaches the paging appender as soon as logging is set up, before the context starts, so that a bean that
 * fails during startup still pages. The client made here is handed over to the context's client once the
 * context is up ({@link LogbackBinding}); if startup fails, it is closed, which sends what is pending.
 * Registered in {@code META-INF/spring.factories}; does nothing when Tocsin is off ({@link Activation}).
 */
public final class EarlyPaging implements SmartApplicationListener, Ordered {
    /** Right after Spring Boot's logging listener, which resets Logback. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 21;
    static final String BEAN = "tocsinEarlyPaging";

    private static final Map<SpringApplication, State> STATES = new ConcurrentHashMap<>();

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> type) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationPreparedEvent.class.isAssignableFrom(type)
                || ApplicationFailedEvent.class.isAssignableFrom(type);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent e) {
            if (!Activation.of(e.getEnvironment()).on()) {
                return; // the context says why, once (StartupReport)
            }
            TocsinProperties p;
            try {
                p = Binder.get(e.getEnvironment()).bindOrCreate("tocsin", TocsinProperties.class);
            } catch (RuntimeException invalid) {
                return; // the context's binding fails startup, naming the property
            }
            State state = State.start(p,
                    Binder.get(e.getEnvironment()).bind("spring.application.name", String.class).orElse("application"));
            if (state != null) {
                state.forget = () -> STATES.remove(e.getSpringApplication());
                STATES.put(e.getSpringApplication(), state);
            }
        } else if (event instanceof ApplicationPreparedEvent e) {
            State state = STATES.get(e.getSpringApplication());
            if (state != null) {
                e.getApplicationContext().getBeanFactory().registerSingleton(BEAN, state);
            }
        } else if (event instanceof ApplicationFailedEvent e) {
            // Kept here, not only as a bean: a failed refresh destroys the context's singletons first.
            State state = STATES.remove(e.getSpringApplication());
            if (state != null) {
                state.failed(e.getException());
            }
        }
    }

    /** The client, appender and handler made before the context. */
    static final class State {
        final Tocsin client;
        final TocsinProperties properties;
        final String name;
        Object appender; // a TocsinAppender when Logback is present; Object keeps Logback optional
        UncaughtExceptionAlerts handler;
        Runnable forget = () -> { };
        private volatile boolean handedOver;

        private State(Tocsin client, TocsinProperties properties, String name) {
            this.client = client;
            this.properties = properties;
            this.name = name;
        }

        static State start(TocsinProperties p, String name) {
            Tocsin client;
            try {
                client = TocsinFactory.build(p, List.of(), List.of());
            } catch (RuntimeException e) {
                return null; // bad properties: the auto-configuration fails startup with the message
            }
            State state = new State(client, p, name);
            if (p.getLogback().isEnabled() && logbackPresent()) {
                state.appender = LogbackBinding.attach(client, p);
            }
            if (p.getUncaughtExceptions().isEnabled()) {
                state.handler = UncaughtExceptionAlerts.install(client);
            }
            return state;
        }

        void releaseHandler() {
            if (handler != null) {
                handler.uninstall();
                handler = null;
            }
        }

        /** The context is up: its own client takes over. */
        void handOver(Tocsin contextClient) {
            if (appender != null) {
                LogbackBinding.handOver(appender, contextClient);
            }
            releaseHandler();
            handedOver = true;
            forget.run();
            client.close();
        }

        /**
         * Startup failed: page for it and send what was logged. Spring Boot logs the failure only after this
         * event, so the page is made here from the exception; the key is the exception's fingerprint, as the
         * appender's would be.
         */
        void failed(Throwable failure) {
            if (!handedOver) {
                if (failure != null) {
                    client.trigger(dev.tocsin.Alert.trigger("Application " + name + " failed to start: " + failure)
                            .severity(dev.tocsin.Severity.CRITICAL).type("startup-failure").build(), failure);
                }
                client.close(); // flushes within the shutdown timeout
            }
            String url = properties.getHeartbeat().getUrl();
            if (Activation.isSet(url)) {
                dev.tocsin.Heartbeat.reportFailure(url, properties.getHeartbeat().isAllowInsecureHttp(),
                        Duration.ofSeconds(5));
            }
            if (appender != null) {
                LogbackBinding.detach(appender);
            }
            if (handler != null) {
                handler.uninstall();
            }
        }

        static boolean logbackPresent() {
            ClassLoader cl = EarlyPaging.class.getClassLoader();
            return ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", cl)
                    && ClassUtils.isPresent("dev.tocsin.logback.TocsinAppender", cl)
                    && org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName()
                            .equals("ch.qos.logback.classic.LoggerContext");
        }
    }
}
