package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

/** The test page as an actuator endpoint: off by default, and when granted, a report of the configured destination. */
class TestPageEndpointTest {
    @RegisterExtension
    final InboxFixture api = new InboxFixture();

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(BootLine.tocsin(EndpointAutoConfiguration.class))
                .withPropertyValues("tocsin.logback.enabled=false", "tocsin.health.enabled=false",
                        "tocsin.deploy.enabled=false", "tocsin.shutdown-timeout=200ms",
                        "tocsin.pagerduty.routing-key=" + InboxFixture.ROUTING_KEY,
                        "tocsin.pagerduty.endpoint=" + api.endpoint());
    }

    @Test
    void itIsOffUnlessAccessIsGranted() {
        Access byDefault = TestPageEndpoint.class.getAnnotation(Endpoint.class).defaultAccess();
        assertThat(byDefault).isEqualTo(Access.NONE);
        EndpointId id = EndpointId.of("tocsintestpage");
        assertThat(new PropertiesEndpointAccessResolver(new MockEnvironment()).accessFor(id, byDefault))
                .isEqualTo(Access.NONE);
        assertThat(new PropertiesEndpointAccessResolver(new MockEnvironment()
                .withProperty("management.endpoint.tocsintestpage.access", "UNRESTRICTED")).accessFor(id, byDefault))
                .isEqualTo(Access.UNRESTRICTED);
        runner().run(ctx -> assertThat(ctx).hasSingleBean(TestPageEndpoint.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGrantedTestPageReportsEachStep() {
        runner().withPropertyValues("management.endpoint.tocsintestpage.access=unrestricted").run(ctx -> {
            Map<String, Object> report = ctx.getBean(TestPageEndpoint.class).run();
            assertThat(report).containsEntry("passed", true);
            List<Map<String, Object>> destinations = (List<Map<String, Object>>) report.get("destinations");
            assertThat(destinations).singleElement().satisfies(d -> {
                assertThat(d.get("destination")).isEqualTo("pagerduty(…0abc)");
                assertThat((Map<String, String>) d.get("trigger")).containsEntry("outcome", "accepted");
                assertThat((Map<String, String>) d.get("resolve")).containsEntry("outcome", "accepted");
            });
            assertThat(report.toString()).doesNotContain(InboxFixture.ROUTING_KEY);
            assertThat(api.inbox().incident((String) report.get("dedupKey")).orElseThrow().open()).isFalse();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRefusalIsReportedWithTheServicesMessage() {
        api.answer(Answer.status(400).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"no such key\"]}"));
        runner().run(ctx -> {
            Map<String, Object> report = ctx.getBean(TestPageEndpoint.class).run();
            assertThat(report).containsEntry("passed", false);
            assertThat(report.get("report").toString()).contains("refused").contains("no such key");
        });
    }
}
