package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import dev.tocsin.Tocsin;
import dev.tocsin.testing.RecordingTocsin;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link EarlyState} is the one owner of what pages before the context: it keeps the early client's JVM shutdown hook
 * until the hand-over, moves the appender and the uncaught-exception handler over to the context's client in one step
 * the first time either is asked for, and removes what nobody took over.
 */
class EarlyStateTest {
    private static final Thread.UncaughtExceptionHandler QUIET = (thread, error) -> { };

    private final RecordingTocsin context = new RecordingTocsin();
    private Thread.UncaughtExceptionHandler before;
    private EarlyState state;

    @BeforeEach
    void quietHandler() {
        before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(QUIET);
    }

    @AfterEach
    void cleanUp() {
        if (state != null) {
            state.retire();
        }
        ch.qos.logback.core.Appender<?> left = rootAppender();
        if (left != null) {
            root().detachAppender(LogbackBinding.NAME);
            left.stop();
        }
        Thread.setDefaultUncaughtExceptionHandler(before);
    }

    private static TocsinProperties properties() {
        TocsinProperties p = new TocsinProperties();
        p.getPagerduty().setRoutingKey(TocsinAutoConfigurationTest.KEY);
        p.getPagerduty().setEndpoint("http://127.0.0.1:9/v2/enqueue");
        p.setShutdownTimeout(Duration.ofMillis(200));
        return p;
    }

    private static ch.qos.logback.classic.Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static ch.qos.logback.core.Appender<?> rootAppender() {
        return root().getAppender(LogbackBinding.NAME);
    }

    private static <T> Supplier<T> none() {
        return () -> {
            throw new AssertionError("the part made before the context was expected");
        };
    }

    private static boolean closesOnExit(Tocsin client) throws ReflectiveOperationException {
        Field engine = client.getClass().getDeclaredField("engine");
        engine.setAccessible(true);
        return ((dev.tocsin.internal.Engine) engine.get(client)).closesOnExit();
    }

    @Test
    void theEarlyClientKeepsItsJvmShutdownHookUntilItHandsOverToTheContextsClient() throws Exception {
        state = EarlyState.start(properties(), "unit");

        assertThat(closesOnExit(state.early())).as("the early client's own JVM shutdown hook").isTrue();
        assertThat(state.earlyClosed()).isFalse();

        assertThat(state.clientFor(() -> context)).isSameAs(context);

        assertThat(state.earlyClosed()).isTrue(); // closing it removed the hook
        state.relay().resolve("after-hand-over");
        assertThat(context.events()).filteredOn(e -> !e.equals("offer")).containsExactly("resolve after-hand-over");
    }

    @Test
    void theFirstQuestionMovesTheAppenderAndTheHandlerOverTogetherAndTheContextOwnsThemFromThen() {
        state = EarlyState.start(properties(), "unit");
        Thread.UncaughtExceptionHandler early = Thread.getDefaultUncaughtExceptionHandler();
        assertThat(early).isNotSameAs(QUIET);

        LogbackBinding logback = state.logbackFor(context, none());
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).as("moved with the appender").isNotSameAs(early);
        UncaughtBinding uncaught = state.uncaughtFor(context, none());
        assertThat(state.logbackFor(context, none())).isSameAs(logback);

        assertThat(rootAppender()).isSameAs(logback.appender());
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(uncaught.handler());
        LoggerFactory.getLogger("com.example.orders.Checkout").error("checkout failed",
                new IllegalStateException("card declined"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !context.calls(RecordingTocsin.Kind.OFFER).isEmpty());
        uncaught.handler().uncaughtException(Thread.currentThread(), new IllegalStateException("worker died"));
        assertThat(context.events()).anyMatch(e -> e.startsWith("trigger "));

        state.retire(); // the context has started: what it took over stays
        assertThat(rootAppender()).isSameAs(logback.appender());
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(uncaught.handler());

        logback.destroy(); // the context closes
        uncaught.destroy();
        assertThat(rootAppender()).isNull();
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(QUIET);
    }

    @Test
    void whatNoBeanOfTheContextAskedForIsRemovedOnceTheContextHasStarted() {
        state = EarlyState.start(properties(), "unit");
        assertThat(rootAppender()).isNotNull();

        state.retire();

        assertThat(rootAppender()).isNull();
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(QUIET);
        assertThat(state.earlyClosed()).isTrue();
        UncaughtBinding own = UncaughtBinding.install(context);
        assertThat(state.uncaughtFor(context, () -> own)).as("nothing left to move").isSameAs(own);
        own.destroy();
    }

    @Test
    void withTheAppenderAndTheHandlerOffNothingIsMadeBeforeTheContextAndTheContextMakesItsOwn() {
        TocsinProperties p = properties();
        p.getLogback().setEnabled(false);
        p.getUncaughtExceptions().setEnabled(false);
        state = EarlyState.start(p, "unit");

        assertThat(rootAppender()).isNull();
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(QUIET);
        UncaughtBinding own = UncaughtBinding.install(context);
        assertThat(state.uncaughtFor(context, () -> own)).isSameAs(own);
        own.destroy();
    }

    @Test
    void aFailedStartupAfterTheMoveDetachesTheContextsAppenderAndLeavesItsHandlerToTheContext() {
        state = EarlyState.start(properties(), "unit");
        LogbackBinding logback = state.logbackFor(context, none());
        UncaughtBinding uncaught = state.uncaughtFor(context, none());

        state.failed(null, null);

        assertThat(rootAppender()).as("Spring Boot's \"Application run failed\" line must not page").isNull();
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(uncaught.handler());
        assertThat(state.earlyClosed()).isTrue();
        logback.destroy(); // the context closes: a second detach does nothing
        uncaught.destroy();
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(QUIET);
    }
}
