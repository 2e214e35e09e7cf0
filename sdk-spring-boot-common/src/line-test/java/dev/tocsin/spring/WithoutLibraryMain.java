package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Severity;
import java.time.Duration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * A whole application, run in a child JVM by {@link WithoutOptionalLibrariesTest} with one optional library left off
 * its class path: starts with Tocsin on (routing key {@code args[1]}, endpoint {@code args[0]}), pages once, and
 * prints what the test checks, one {@code name=value} a line.
 */
final class WithoutLibraryMain {
    private WithoutLibraryMain() {
    }

    public static void main(String[] args) {
        ClassLoader cl = WithoutLibraryMain.class.getClassLoader();
        System.out.println("logback=" + ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", cl));
        System.out.println("health=" + ClassUtils.isPresent(
                BootLine.HEALTH_INDICATOR, cl));
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(App.class)
                .properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
                        "tocsin.pagerduty.endpoint=" + args[0], "tocsin.pagerduty.routing-key=" + args[1],
                        "tocsin.deploy.enabled=false", "tocsin.shutdown-timeout=2s")
                .run()) {
            System.out.println("earlyClosed=" + ctx.getBean(EarlyPaging.BEAN, EarlyState.class).earlyClosed());
            System.out.println("earlyStates=" + EarlyPaging.STATES.size());
            Tocsin tocsin = ctx.getBean(Tocsin.class);
            tocsin.trigger("paged without an optional library", Severity.ERROR);
            System.out.println("flushed=" + tocsin.flush(Duration.ofSeconds(10)));
            System.out.println("dispatchThreads=" + dispatchThreads()); // the context's client's only
        }
        System.out.println("dispatchThreadsAfterClose=" + dispatchThreads());
    }

    private static long dispatchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("tocsin-dispatch")).count();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }
}
