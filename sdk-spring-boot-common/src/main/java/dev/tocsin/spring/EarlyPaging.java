package dev.tocsin.spring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;

/**
 * Pages from before the context exists, so that a bean that fails during startup still pages: as soon as logging
 * is set up, when Tocsin is on ({@link Activation}), it starts an {@link EarlyState}, the one owner of the client,
 * paging appender and uncaught-exception handler made before the context, and from then on passes Spring Boot's
 * events on to it. It holds nothing of that state itself, only which application's {@code EarlyState} is whose.
 *
 * <ul>
 *   <li>When the context is prepared, the {@code EarlyState} becomes a bean of it, once, so that the context's beans
 *       can ask it for their client, appender and handler ({@link EarlyState#clientFor},
 *       {@link EarlyState#logbackFor}, {@link EarlyState#uncaughtFor}). The early client hands over to the
 *       context's: with a spool directory, it persists what it holds and closes before the context's opens the same
 *       directory and replays it; meanwhile the appender's events are held, not dropped.</li>
 *   <li>When the context has started, whatever of the early set-up was not taken over is closed
 *       ({@link EarlyState#retire}), with or without Logback, and even if the auto-configuration is excluded.</li>
 *   <li>When startup fails, before or after the hand-over, the failure pages as a critical alert whose summary is
 *       the root cause, and the heartbeat reports {@code /fail} ({@link EarlyState#failed}).</li>
 * </ul>
 *
 * <p>First of all, when Tocsin is on, it checks that the application runs on a Spring Boot the starter supports
 * ({@link SpringBootRange}), and fails startup with one message if not, as the context's client would for an
 * unsupported Jackson or Resilience4j: it is the first of Tocsin's code that Spring Boot runs, and this class, like
 * {@link Activation}, uses only what Spring Boot 3.5 and 4 both have.
 *
 * <p>The early client keeps its JVM shutdown hook ({@code closeOnExit}): before the context exists, nothing else
 * would close it if the JVM exited. Registered in {@code META-INF/spring.factories}; does nothing when Tocsin is
 * off. Thread-safe: the {@code EarlyState} of each application is kept in a concurrent map.
 */
public final class EarlyPaging implements SmartApplicationListener, Ordered {
    /** Right after Spring Boot's logging listener, which resets Logback. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 21;
    static final String BEAN = "tocsinEarlyPaging";
    private static final Logger LOG = LoggerFactory.getLogger(EarlyPaging.class);

    /** Which application's owner gets the events: from the environment's preparation to the ready or failed event. */
    static final Map<SpringApplication, EarlyState> STATES = new ConcurrentHashMap<>();

    private final SpringBootRange springBoot;

    /** For {@code META-INF/spring.factories}: checks the Spring Boot on the class path. */
    public EarlyPaging() {
        this(SpringBootRange.onClassPath());
    }

    /** With the range check to run; for tests, with a Spring Boot version of their own. */
    EarlyPaging(SpringBootRange springBoot) {
        this.springBoot = springBoot;
    }

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> type) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationPreparedEvent.class.isAssignableFrom(type)
                || ApplicationStartedEvent.class.isAssignableFrom(type)
                || ApplicationReadyEvent.class.isAssignableFrom(type)
                || ApplicationFailedEvent.class.isAssignableFrom(type);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent e) {
            start(e);
        } else if (event instanceof ApplicationPreparedEvent e) {
            EarlyState state = STATES.get(e.getSpringApplication());
            if (state != null) {
                e.getApplicationContext().getBeanFactory().registerSingleton(BEAN, state);
            }
        } else if (event instanceof ApplicationStartedEvent e) {
            EarlyState state = STATES.get(e.getSpringApplication());
            if (state != null) {
                state.retire(); // kept until ready: a runner may still fail
            }
        } else if (event instanceof ApplicationReadyEvent e) {
            EarlyState state = STATES.remove(e.getSpringApplication());
            if (state != null) {
                state.retire();
            }
        } else if (event instanceof ApplicationFailedEvent e) {
            // Kept here, not only as a bean: a failed refresh destroys the context's singletons first.
            EarlyState state = STATES.remove(e.getSpringApplication());
            if (state != null) {
                state.failed(e.getException(), e.getApplicationContext());
            }
        }
    }

    private void start(ApplicationEnvironmentPreparedEvent e) {
        if (!Activation.of(e.getEnvironment()).on()) {
            return; // the context says why, once (StartupReport)
        }
        springBoot.check(); // before any of the line's adapters is loaded
        TocsinProperties p;
        try {
            p = Binder.get(e.getEnvironment()).bindOrCreate("tocsin", TocsinProperties.class);
        } catch (RuntimeException invalid) {
            LOG.debug("tocsin: no paging before the context: {}", invalid.toString());
            return; // the context's binding fails startup, naming the property
        }
        EarlyState state = EarlyState.start(p,
                Binder.get(e.getEnvironment()).bind("spring.application.name", String.class).orElse("application"));
        if (state != null) {
            STATES.put(e.getSpringApplication(), state);
        }
    }
}
