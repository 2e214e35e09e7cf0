package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Incident;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.OperationFilter;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.invoke.convert.ConversionServiceParameterValueMapper;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointHttpMethod;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpointDiscoverer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

/**
 * The {@code tocsinmaintenance} endpoint, as a deploy pipeline calls it: off until access is granted; then
 * {@code POST} opens a window, {@code GET} lists it, {@code DELETE /<name>} closes it, with a 400 for bad input.
 * The module has no web server, so requests go through Spring Boot's web endpoint discovery and invocation (paths,
 * methods, parameter mapping, access), all of an HTTP call but the socket.
 */
class MaintenanceEndpointTest {
    static final String ID = "tocsinmaintenance";

    @RegisterExtension
    final InboxFixture api = new InboxFixture();

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(BootLine.withHealth(EndpointAutoConfiguration.class))
                // as SpringApplication does, so that access=unrestricted converts as in an application
                .withInitializer(ctx -> ctx.getEnvironment().setConversionService(
                        (org.springframework.core.convert.support.ConfigurableConversionService)
                                org.springframework.boot.convert.ApplicationConversionService.getSharedInstance()))
                .withPropertyValues("tocsin.logback.enabled=false", "tocsin.uncaught-exceptions.enabled=false",
                        "tocsin.health.enabled=false", "tocsin.deploy.enabled=false", "tocsin.shutdown-timeout=2s",
                        "tocsin.pagerduty.routing-key=" + InboxFixture.ROUTING_KEY,
                        "tocsin.pagerduty.endpoint=" + api.endpoint());
    }

    private ApplicationContextRunner granted() {
        return runner().withPropertyValues("management.endpoint." + ID + ".access=unrestricted");
    }

    /** The endpoint's web operations, as Spring Boot's web endpoint support maps them, access applied. */
    static List<WebOperation> operations(AssertableApplicationContext ctx) {
        WebEndpointDiscoverer discoverer = new WebEndpointDiscoverer(ctx, new ConversionServiceParameterValueMapper(),
                EndpointMediaTypes.DEFAULT, List.of(), List.of(), List.of(), List.of(),
                List.of(OperationFilter.byAccess(new PropertiesEndpointAccessResolver(ctx.getEnvironment()))));
        return discoverer.getEndpoints().stream().filter(e -> e.getEndpointId().equals(EndpointId.of(ID)))
                .findFirst().map(ExposableWebEndpoint::getOperations).map(List::copyOf).orElse(List.of());
    }

    /** A request: {@code POST tocsinmaintenance} with a JSON body's fields, {@code DELETE tocsinmaintenance/x}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> call(AssertableApplicationContext ctx, WebEndpointHttpMethod method, String path,
            Map<String, Object> arguments) {
        boolean selected = path.contains("/");
        String mapped = selected ? ID + "/{name}" : ID;
        WebOperation op = operations(ctx).stream().filter(o -> o.getRequestPredicate().getHttpMethod() == method
                && o.getRequestPredicate().getPath().equals(mapped)).findFirst().orElseThrow(() ->
                        new AssertionError(method + " " + mapped + " is not mapped: " + operations(ctx)));
        Map<String, Object> args = new HashMap<>(arguments);
        if (selected) {
            args.put("name", path.substring(path.indexOf('/') + 1));
        }
        return (Map<String, Object>) op.invoke(new InvocationContext(SecurityContext.NONE, args));
    }

    static Map<String, Object> open(AssertableApplicationContext ctx, String name, String duration, String when) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("duration", duration);
        if (when != null) {
            body.put("when", when);
        }
        return call(ctx, WebEndpointHttpMethod.POST, ID, body);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(AssertableApplicationContext ctx) {
        return (List<Map<String, Object>>) call(ctx, WebEndpointHttpMethod.GET, ID, Map.of()).get("windows");
    }

    /** The windows the endpoint's read operation lists. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> windows(MaintenanceEndpoint endpoint) {
        return (List<Map<String, Object>>) endpoint.windows().get("windows");
    }

    private static DeliveryResult.Status send(Tocsin tocsin, String key, String component) throws Exception {
        return tocsin.trigger(Alert.trigger(key + " failed").dedupKey(key).component(component).build())
                .toCompletableFuture().get(10, TimeUnit.SECONDS).status();
    }

    @Test
    void itIsOffUntilAccessIsGranted() {
        Access byDefault = MaintenanceEndpoint.class.getAnnotation(Endpoint.class).defaultAccess();
        assertThat(byDefault).isEqualTo(Access.NONE);
        assertThat(new PropertiesEndpointAccessResolver(new MockEnvironment()).accessFor(EndpointId.of(ID), byDefault))
                .isEqualTo(Access.NONE);
        runner().run(ctx -> {
            assertThat(ctx).hasSingleBean(MaintenanceEndpoint.class);
            assertThat(operations(ctx)).isEmpty();
        });
        runner().withPropertyValues("management.endpoint." + ID + ".access=read-only").run(ctx ->
                assertThat(operations(ctx)).extracting(o -> o.getRequestPredicate().getHttpMethod())
                        .containsExactly(WebEndpointHttpMethod.GET));
        granted().run(ctx -> assertThat(operations(ctx)).extracting(o -> o.getRequestPredicate().toString())
                .containsExactlyInAnyOrder("GET to path 'tocsinmaintenance' produces: application/vnd.spring-boot"
                        + ".actuator.v3+json,application/vnd.spring-boot.actuator.v2+json,application/json",
                        "POST to path 'tocsinmaintenance' consumes: application/vnd.spring-boot.actuator.v3+json,"
                                + "application/vnd.spring-boot.actuator.v2+json,application/json produces: application/"
                                + "vnd.spring-boot.actuator.v3+json,application/vnd.spring-boot.actuator.v2+json,"
                                + "application/json",
                        "DELETE to path 'tocsinmaintenance/{name}' produces: application/vnd.spring-boot.actuator"
                                + ".v3+json,application/vnd.spring-boot.actuator.v2+json,application/json"));
    }

    @Test
    void aDeployOpensAWindowListsItAndClosesIt() {
        granted().run(ctx -> {
            Tocsin tocsin = ctx.getBean(Tocsin.class);
            assertThat(send(tocsin, "before", "checkout")).isEqualTo(DeliveryResult.Status.DELIVERED);

            Map<String, Object> opened = open(ctx, "deploy 1.4.2", "15m", "component == checkout");
            assertThat(opened).containsEntry("name", "deploy 1.4.2").containsEntry("active", true)
                    .containsEntry("scheduled", false).containsEntry("suppressed", 0L)
                    .containsEntry("condition", "component == 'checkout'");
            assertThat(Duration.between(java.time.Instant.parse((String) opened.get("start")),
                    java.time.Instant.parse((String) opened.get("end")))).isEqualTo(Duration.ofMinutes(15));

            assertThat(send(tocsin, "during", "checkout")).isEqualTo(DeliveryResult.Status.SUPPRESSED);
            assertThat(send(tocsin, "elsewhere", "search")).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(tocsin.resolve("before").toCompletableFuture().get(10, TimeUnit.SECONDS).status())
                    .as("a resolve during the window").isEqualTo(DeliveryResult.Status.DELIVERED);
            Incident before = api.inbox().awaitIncident("before", Duration.ofSeconds(10));
            assertThat(before.open()).isFalse();
            assertThat(api.inbox().incident("during")).isEmpty();

            assertThat(list(ctx)).singleElement().satisfies(w -> assertThat(w)
                    .containsEntry("name", "deploy 1.4.2").containsEntry("active", true)
                    .containsEntry("suppressed", 1L));
            assertThat(tocsin.stats().suppressed()).isEqualTo(1);
            assertThat(tocsin.stats().maintenanceWindows()).isEqualTo(1);
            ComponentHealth health = BootLine.health(ctx, "tocsinHealthIndicator");
            assertThat(health.status()).isEqualTo(ComponentHealth.UP);
            assertThat(health.details()).containsEntry("suppressed", 1L).containsEntry("maintenanceWindows", 1);

            assertThat(call(ctx, WebEndpointHttpMethod.DELETE, ID + "/deploy 1.4.2", Map.of()))
                    .containsEntry("closed", 1);
            assertThat(list(ctx)).isEmpty();
            assertThat(send(tocsin, "after", "checkout")).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(call(ctx, WebEndpointHttpMethod.DELETE, ID + "/deploy 1.4.2", Map.of()))
                    .as("closing again is harmless").containsEntry("closed", 0);
        });
    }

    @Test
    void withoutAConditionAWindowSuppressesEveryTriggerAndDurationsMayBeIso() {
        granted().run(ctx -> {
            Map<String, Object> opened = open(ctx, "migration", "PT1H", null);
            assertThat(opened).containsEntry("active", true);
            assertThat(send(ctx.getBean(Tocsin.class), "any", "anything")).isEqualTo(DeliveryResult.Status.SUPPRESSED);
        });
    }

    @Test
    void badInputIsABadRequestThatSaysWhatIsWrong() {
        granted().run(ctx -> {
            assertThatThrownBy(() -> call(ctx, WebEndpointHttpMethod.POST, ID, Map.of("name", "deploy")))
                    .as("a missing duration").isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("duration");
            assertThat(reason(() -> open(ctx, "deploy", "15 minutes", null)))
                    .isEqualTo("duration '15 minutes' is not a duration; write one such as 15m, 1h or PT15M");
            assertThat(reason(() -> open(ctx, "deploy", "8d", null)))
                    .isEqualTo("length must be positive and at most 7 days, was PT192H");
            assertThat(reason(() -> open(ctx, "deploy", "-5m", null))).contains("must be positive");
            assertThat(reason(() -> open(ctx, "deploy", "15m", "componnet == 'checkout'")))
                    .startsWith("when: unknown field 'componnet' (did you mean 'component'?)");
            assertThat(reason(() -> open(ctx, " ", "15m", null))).startsWith("name is required");
            assertThat(list(ctx)).isEmpty();
        });
    }

    private static String reason(Runnable call) {
        try {
            call.run();
        } catch (InvalidEndpointRequestException e) {
            return e.getReason();
        }
        throw new AssertionError("no 400");
    }
}
