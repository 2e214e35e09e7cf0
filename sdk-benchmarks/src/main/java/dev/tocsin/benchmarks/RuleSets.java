package dev.tocsin.benchmarks;

import dev.tocsin.event.Alert;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.event.Severity;
import dev.tocsin.rules.Condition;
import dev.tocsin.rules.Rule;
import dev.tocsin.spi.Failures;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixture of the rule benchmarks: a typical logged exception (an order that failed because the payment gateway
 * timed out: an exception with two causes and realistic stacks, an MDC of six keys, details as the Logback appender
 * makes them, stack trace included) and a realistic set of 50 rules, of which none matches that event for tenant
 * {@code acme}. For tenant {@code globex} two match: rule 20 (routes only) and rule 48 (rewrites: severity, route,
 * link and note with placeholders, dedup key template, dropped details).
 */
public final class RuleSets {
    /** The tenant no rule matches. */
    public static final String QUIET_TENANT = "acme";
    /** The tenant rules 20 and 48 match. */
    public static final String MATCHED_TENANT = "globex";
    /** The MDC keys the appender copies into the details ({@code mdcKeys}); the rules read the whole MDC. */
    public static final List<String> MDC_KEYS = List.of("tenant", "requestId", "userId");
    /** The route names the rules use. */
    public static final List<String> ROUTES = List.of("database", "streaming", "infra", "security", "fraud", "search",
            "batch", "payments-vip", "apac", "api", "logistics", "payments-eu", "pager", "payments", "growth");

    static final String LOGGER = "com.example.shop.orders.OrderService";
    static final String PATTERN = "Order {} failed: payment gateway timed out after {} ms";
    static final String SUMMARY = "Order 4711 failed: payment gateway timed out after 30000 ms";

    private RuleSets() {
    }

    /** The 50 rules, in order. */
    public static List<Rule> fifty() {
        List<Rule> r = new ArrayList<>();
        // 1-5: noise that is dropped or quietened
        r.add(Rule.named("health-endpoint").when("logger == 'org.springframework.boot.actuate.health.HealthEndpoint'")
                .suppress().build());
        r.add(Rule.named("client-aborts").when("exception in ('org.apache.catalina.connector.ClientAbortException',"
                + " 'java.nio.channels.ClosedChannelException')").suppress().build());
        r.add(Rule.named("broken-pipe").when("summary contains 'Broken pipe'").suppress().build());
        r.add(Rule.named("staging").when("details.env == 'staging'").severity(Severity.INFO).build());
        r.add(Rule.named("dev-envs").when("mdc.env in (dev, test, local)").suppress().build());
        // 6-12: databases, streaming, the JVM
        r.add(Rule.named("db-deadlock").when("summary matches '(?i)deadlock|lock wait timeout'")
                .severity(Severity.CRITICAL).route("database")
                .link("https://runbooks.example.com/db/{component}", "Runbook").stop().build());
        r.add(Rule.named("db-pool").when("exception == 'com.zaxxer.hikari.pool.HikariPool$PoolInitializationException'"
                + " or summary contains 'Connection is not available'").route("database")
                .note("connection pool of {component} exhausted").build());
        r.add(Rule.named("db-transient").when("exception == 'java.sql.SQLTransientConnectionException'")
                .route("database").build());
        r.add(Rule.named("kafka").when(Condition.field("logger").matches("^org\\.apache\\.kafka\\.")).route("streaming")
                .build());
        r.add(Rule.named("kafka-lag").when("details.consumer_lag > 100000").severity(Severity.WARNING)
                .route("streaming").build());
        r.add(Rule.named("oom").when("exception == 'java.lang.OutOfMemoryError'").severity(Severity.CRITICAL).stop()
                .build());
        r.add(Rule.named("disk-full").when("summary matches 'No space left on device'").severity(Severity.CRITICAL)
                .route("infra").build());
        // 13-19: security, fraud, search, batch
        r.add(Rule.named("tls").when("exception in ('javax.net.ssl.SSLHandshakeException',"
                + " 'java.security.cert.CertificateExpiredException')").severity(Severity.CRITICAL).route("security")
                .link("https://runbooks.example.com/tls?host={source}", "TLS runbook").build());
        r.add(Rule.named("auth-components").when("component in (AuthService, TokenService, LoginController)")
                .route("security").build());
        r.add(Rule.named("auth-failures").when("all(logger contains '.security.', summary contains 'authentication"
                + " failed')").suppressUnlessMoreThan(20, Duration.ofMinutes(5)).build());
        r.add(Rule.named("fraud").when("summary contains 'fraud' and details.score >= 0.9")
                .severity(Severity.CRITICAL).route("fraud").build());
        r.add(Rule.named("search").when(Condition.field("component").equalTo("SearchService"))
                .severity(Severity.WARNING).route("search").build());
        r.add(Rule.named("search-timeouts").when(Condition.all(Condition.field("component").equalTo("SearchService"),
                Condition.field("exception").equalTo("java.net.SocketTimeoutException")))
                .suppressUnlessMoreThan(5, Duration.ofMinutes(10)).build());
        r.add(Rule.named("batch-jobs").when(Condition.field("logger").matches("\\.batch\\.|\\.jobs\\."))
                .severity(Severity.WARNING)
                .route("batch").dedupKey("batch-{details.job}").build());
        // 20-25: tenants, flags, deployments, regions, retries (MDC)
        r.add(Rule.named("vip-tenants").when("mdc.tenant in (globex, initech, umbrella)").route("payments-vip")
                .build());
        r.add(Rule.named("feature-flags").when("mdc.feature exists").note("behind feature flag {mdc.feature}")
                .build());
        r.add(Rule.named("canary").when("mdc.deployment == 'canary'").severity(Severity.WARNING)
                .note("canary deployment of {source}").build());
        r.add(Rule.named("apac").when("mdc.region in ('ap-southeast-1', 'ap-northeast-1')").route("apac").build());
        r.add(Rule.named("many-retries").when("mdc.attempt >= 5").severity(Severity.CRITICAL).build());
        r.add(Rule.named("first-connect").when("mdc.attempt < 2 and exception == 'java.net.ConnectException'")
                .suppress().build());
        // 26-31: HTTP figures, log levels, threads
        r.add(Rule.named("http-5xx").when("details.http_status >= 500 and details.http_status < 600").route("api")
                .build());
        r.add(Rule.named("http-429").when("details.http_status == 429").severity(Severity.WARNING).build());
        r.add(Rule.named("slow-requests").when(Condition.field("details.duration_ms").greaterThan(10_000))
                .severity(Severity.WARNING).build());
        r.add(Rule.named("not-errors").when("not (details.level in (ERROR, WARN))").suppress().build());
        r.add(Rule.named("scheduler-threads").when(Condition.field("details.thread").matches("^scheduling-\\d+$"))
                .route("batch")
                .build());
        r.add(Rule.named("legacy").when("logger contains 'com.example.legacy'").severity(Severity.INFO).build());
        // 32-37: other teams' services
        r.add(Rule.named("shipping").when("any(component == 'ShippingService', logger contains '.shipping.',"
                + " summary contains 'shipment')").route("logistics").build());
        r.add(Rule.named("inventory").when("any(component == 'InventoryService', summary matches 'stock (level|count)')")
                .route("logistics").link("https://dash.example.com/inventory?service={component}", "Dashboard")
                .build());
        r.add(Rule.named("mail").when("all(exception == 'jakarta.mail.MessagingException', not (mdc.tenant =="
                + " 'internal'))").severity(Severity.WARNING).build());
        r.add(Rule.named("redis").when("exception in ('io.lettuce.core.RedisConnectionException',"
                + " 'redis.clients.jedis.exceptions.JedisConnectionException')").route("infra")
                .dedupKey("redis-{source}").build());
        r.add(Rule.named("s3").when("summary contains 'AmazonS3Exception' or exception matches"
                + " 'software\\\\.amazon\\\\.awssdk\\\\..*S3Exception'").route("infra").build());
        r.add(Rule.named("k8s-probes").when("mdc.probe exists and summary contains 'probe'").suppress().build());
        // 38-40: the stack trace and the summary's text
        r.add(Rule.named("hibernate").when("details.stack_trace contains 'org.hibernate.exception.'")
                .route("database").build());
        r.add(Rule.named("legacy-dao").when(Condition.field("details.stack_trace")
                .matches("at com\\.example\\.shop\\.legacy\\.[A-Za-z]+Dao\\.")).severity(Severity.WARNING)
                .route("database").build());
        r.add(Rule.named("card-numbers").when(Condition.field("summary")
                .matches("\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}\\b"))
                .dropDetails("message").note("summary looked like it held a card number").build());
        // 41-47: keys, groups, classes, schedules, severities
        r.add(Rule.named("known-flaky").when("key in ('a1b2c3d4e5f6', 'deadbeefcafe')").suppress().build());
        r.add(Rule.named("payments-eu").when("all(group == 'payments', mdc.region == 'eu-central-1')")
                .route("payments-eu").build());
        r.add(Rule.named("npe").when("class == 'java.lang.NullPointerException'").severity(Severity.WARNING)
                .note("NPE in {component} ({logger})").build());
        r.add(Rule.named("scheduled-jobs").when("all(mdc.job exists, any(mdc.schedule == 'weekly',"
                + " mdc.schedule == 'monthly'))").severity(Severity.INFO).build());
        r.add(Rule.named("user-impact").when("mdc.userId exists and severity == 'critical'")
                .note("user {mdc.userId} affected").build());
        r.add(Rule.named("critical-pager").when("severity == 'critical' and not (component in (AuthService))")
                .route("pager").build());
        r.add(Rule.named("checkout").when("summary contains 'checkout' and mdc.tenant != 'acme'").route("payments")
                .build());
        // 48: the one that rewrites, for tenant globex (the regular expression's \d as written; in Java source, two).
        r.add(Rule.named("payment-timeouts").when("all(exception == 'java.net.SocketTimeoutException',"
                + " mdc.tenant == 'globex', summary matches 'timed out after \\d+ ms')")
                .severity(Severity.CRITICAL).route("payments")
                .link("https://runbooks.example.com/{component}/{mdc.tenant}?key={key}", "Runbook")
                .note("tenant {mdc.tenant}, request {mdc.requestId}, attempt {mdc.attempt}")
                .dedupKey("payments-timeout-{mdc.tenant}-{component}")
                .dropDetails("thread", "mdc.user*").build());
        // 49-50
        r.add(Rule.named("downgraded").when("severity == 'warning' and details.level == 'ERROR'")
                .note("downgraded from ERROR by a rule").build());
        r.add(Rule.named("growth-team").when("mdc.team in (growth, onboarding)").route("growth").build());
        if (r.size() != 50) {
            throw new IllegalStateException("expected 50 rules, made " + r.size());
        }
        return List.copyOf(r);
    }

    /** The MDC of the request that failed. */
    public static Map<String, String> mdc(String tenant) {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("tenant", tenant);
        mdc.put("requestId", "7f3c9a2e-5b1d-4e8a-9c6f-2d4b8e1a7c30");
        mdc.put("userId", "u-182734");
        mdc.put("region", "eu-west-1");
        mdc.put("attempt", "2");
        mdc.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        return Map.copyOf(mdc);
    }

    /**
     * The failure: an {@code IllegalStateException} from the order service, caused by an {@code
     * UncheckedIOException} from the payment client, caused by a {@code SocketTimeoutException} from the socket; each
     * with a stack of 20 to 28 frames of Spring, Tomcat and application code.
     */
    public static RuntimeException failure() {
        SocketTimeoutException root = new SocketTimeoutException("Read timed out");
        root.setStackTrace(frames(
                "sun.nio.ch.NioSocketImpl#timedRead", "sun.nio.ch.NioSocketImpl#implRead",
                "sun.nio.ch.NioSocketImpl#read", "java.net.Socket$SocketInputStream#read",
                "sun.security.ssl.SSLSocketInputRecord#read", "sun.security.ssl.SSLSocketInputRecord#readHeader",
                "sun.security.ssl.SSLSocketInputRecord#bytesInCompletePacket", "sun.security.ssl.SSLSocketImpl#readApplicationRecord",
                "sun.security.ssl.SSLSocketImpl$AppInputStream#read", "org.apache.hc.core5.http.impl.io.SessionInputBufferImpl#fillBuffer",
                "org.apache.hc.core5.http.impl.io.SessionInputBufferImpl#readLine", "org.apache.hc.core5.http.impl.io.AbstractMessageParser#parse",
                "org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection#receiveResponseHeader",
                "org.apache.hc.core5.http.impl.io.HttpRequestExecutor#execute", "org.apache.hc.client5.http.impl.classic.InternalExecRuntime#execute",
                "org.apache.hc.client5.http.impl.classic.MainClientExec#execute", "org.apache.hc.client5.http.impl.classic.ConnectExec#execute",
                "org.apache.hc.client5.http.impl.classic.ProtocolExec#execute", "org.apache.hc.client5.http.impl.classic.HttpRequestRetryExec#execute",
                "org.apache.hc.client5.http.impl.classic.InternalHttpClient#doExecute",
                "com.example.shop.payments.PaymentGatewayClient#post", "com.example.shop.payments.PaymentGatewayClient#charge"));
        UncheckedIOException middle = new UncheckedIOException("payment gateway call failed: Read timed out", root);
        middle.setStackTrace(frames(
                "com.example.shop.payments.PaymentGatewayClient#charge", "com.example.shop.payments.PaymentService#authorize",
                "com.example.shop.payments.PaymentService$$SpringCGLIB$$0#authorize",
                "org.springframework.aop.framework.CglibAopProxy$DynamicAdvisedInterceptor#intercept",
                "org.springframework.transaction.interceptor.TransactionInterceptor#invoke",
                "org.springframework.aop.framework.ReflectiveMethodInvocation#proceed",
                "com.example.shop.orders.OrderService#charge", "com.example.shop.orders.OrderService#placeOrder"));
        IllegalStateException top = new IllegalStateException("Order 4711 failed", middle);
        top.setStackTrace(frames(
                "com.example.shop.orders.OrderService#placeOrder", "com.example.shop.orders.OrderService$$SpringCGLIB$$0#placeOrder",
                "com.example.shop.orders.web.OrderController#create", "jdk.internal.reflect.DirectMethodHandleAccessor#invoke",
                "java.lang.reflect.Method#invoke", "org.springframework.web.method.support.InvocableHandlerMethod#doInvoke",
                "org.springframework.web.method.support.InvocableHandlerMethod#invokeForRequest",
                "org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod#invokeAndHandle",
                "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter#invokeHandlerMethod",
                "org.springframework.web.servlet.DispatcherServlet#doDispatch", "org.springframework.web.servlet.DispatcherServlet#doService",
                "org.springframework.web.servlet.FrameworkServlet#processRequest", "org.springframework.web.servlet.FrameworkServlet#doPost",
                "jakarta.servlet.http.HttpServlet#service", "org.apache.catalina.core.ApplicationFilterChain#internalDoFilter",
                "org.apache.catalina.core.ApplicationFilterChain#doFilter",
                "org.springframework.web.filter.OncePerRequestFilter#doFilter", "org.apache.catalina.core.StandardWrapperValve#invoke",
                "org.apache.catalina.core.StandardContextValve#invoke", "org.apache.catalina.core.StandardHostValve#invoke",
                "org.apache.catalina.connector.CoyoteAdapter#service", "org.apache.coyote.http11.Http11Processor#service",
                "org.apache.coyote.AbstractProtocol$ConnectionHandler#process",
                "org.apache.tomcat.util.net.NioEndpoint$SocketProcessor#doRun",
                "org.apache.tomcat.util.threads.ThreadPoolExecutor#runWorker", "java.lang.Thread#run"));
        return top;
    }

    /** The alert the Logback appender makes of {@code log.error(PATTERN, 4711, 30000, failure)} (LogRecord). */
    public static Alert loggedAlert(Throwable failure, Map<String, String> mdc) {
        Alert.Builder alert = Alert.trigger(SUMMARY)
                .dedupKey(DedupKeys.of(failure))
                .severity(Severity.ERROR)
                .source("shop-7d9f8c6b5-x2x4q")
                .component("OrderService")
                .type(failure.getClass().getName())
                .timestamp(Instant.parse("2026-12-04T09:15:27.341Z"))
                .detail("logger", LOGGER)
                .detail("thread", "http-nio-8080-exec-7")
                .detail("level", "ERROR");
        for (String name : MDC_KEYS) {
            alert.detail("mdc." + name, mdc.get(name));
        }
        alert.detail("exception", Failures.describe(failure));
        alert.detail("stack_trace", Failures.stackTrace(failure, 25));
        return alert.build();
    }

    private static StackTraceElement[] frames(String... classAndMethod) {
        StackTraceElement[] out = new StackTraceElement[classAndMethod.length];
        for (int i = 0; i < classAndMethod.length; i++) {
            String[] parts = classAndMethod[i].split("#");
            String simple = parts[0].substring(parts[0].lastIndexOf('.') + 1);
            int dollar = simple.indexOf('$');
            String file = (dollar < 0 ? simple : simple.substring(0, dollar)) + ".java";
            out[i] = new StackTraceElement(parts[0], parts[1], file, 40 + 17 * i);
        }
        return out;
    }
}
