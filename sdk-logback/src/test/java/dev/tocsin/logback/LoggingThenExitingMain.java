package dev.tocsin.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.Duration;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * A plain Logback application whose main logs one error and returns: no close, no Logback shutdown hook.
 *
 * <p>Arguments: the endpoint; then {@code built}, or {@code deferred} for an appender that behaves as if SLF4J never
 * finished initialising, so that its client is not built before the JVM exits; then any of
 * {@code closeOnExit=false}, {@code shutdownTimeout=<a Logback duration>} and {@code stopLogbackAtExit} (a JVM
 * shutdown hook that stops the logger context, as Logback's {@code <shutdownHook/>} does). After logging it prints
 * the names of the JVM shutdown hooks Tocsin has registered, {@code tocsin hooks: [...]}, which needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (else it prints {@code tocsin hooks: unreadable}).
 */
final class LoggingThenExitingMain {
    private LoggingThenExitingMain() {
    }

    public static void main(String[] args) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName("PAGER");
        appender.setRoutingKey(dev.tocsin.testing.InboxFixture.ROUTING_KEY);
        appender.setEndpoint(args[0]);
        if (args.length > 1 && args[1].equals("deferred")) {
            appender.slf4jStarting = () -> true;
        }
        for (int i = 2; i < args.length; i++) {
            String[] setting = args[i].split("=", 2);
            switch (setting[0]) {
                case "closeOnExit" -> appender.setCloseOnExit(Boolean.parseBoolean(setting[1]));
                case "shutdownTimeout" -> appender.setShutdownTimeout(Duration.valueOf(setting[1]));
                case "stopLogbackAtExit" -> Runtime.getRuntime().addShutdownHook(new Thread(context::stop,
                        "logback-stop"));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);

        LoggerFactory.getLogger("com.example.Nightly").error("nightly job failed",
                new IllegalStateException("disk full"));
        System.out.println("tocsin hooks: " + tocsinHooks());
    }

    /** The names of the registered shutdown hooks that are Tocsin's ({@code tocsin-*}), sorted. */
    private static String tocsinHooks() {
        try {
            Class<?> hooks = Class.forName("java.lang.ApplicationShutdownHooks");
            Field field = hooks.getDeclaredField("hooks");
            field.setAccessible(true);
            synchronized (hooks) { // its methods are static synchronized
                Map<?, ?> registered = (Map<?, ?>) field.get(null);
                List<String> names = registered.keySet().stream().map(t -> ((Thread) t).getName())
                        .filter(n -> n.startsWith("tocsin-")).sorted().toList();
                return names.toString();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unreadable";
        }
    }
}
