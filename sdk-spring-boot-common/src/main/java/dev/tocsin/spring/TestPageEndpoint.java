package dev.tocsin.spring;

import dev.tocsin.TestPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code POST /actuator/tocsintestpage}: a {@link TestPage} through the application's configured PagerDuty
 * destination — a test trigger, a wait for its acceptance, its resolve — answered with the report. It sends a page, so
 * it is off by default: grant it with {@code management.endpoint.tocsintestpage.access=unrestricted} and expose it
 * ({@code management.endpoints.web.exposure.include=tocsintestpage}), behind the security of other write endpoints.
 */
@Endpoint(id = "tocsintestpage", defaultAccess = Access.NONE)
public class TestPageEndpoint {
    private final TocsinProperties properties;

    TestPageEndpoint(TocsinProperties properties) {
        this.properties = properties;
    }

    /** Runs the test page (at most about twice {@link TestPage#DEFAULT_TIMEOUT}) and reports each step. */
    @WriteOperation
    public Map<String, Object> run() {
        TestPage.Report report = TestPage.of(PropertyChecks.pagerDuty(properties)).source(properties.getSource())
                .run(TestPage.DEFAULT_TIMEOUT);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("passed", report.passed());
        out.put("dedupKey", report.dedupKey());
        out.put("destinations", report.results().stream().map(r -> Map.of(
                "destination", r.destination(),
                "trigger", step(r.trigger()),
                "resolve", step(r.resolve()))).toList());
        out.put("report", List.of(report.toString().split("\\R")));
        return out;
    }

    private static Map<String, String> step(TestPage.Step step) {
        return Map.of("outcome", step.outcome().name().toLowerCase(java.util.Locale.ROOT), "message", step.toString());
    }
}
