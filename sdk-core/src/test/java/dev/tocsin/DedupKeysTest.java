package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.DedupKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DedupKeysTest {

    @Test
    void keysAreTheSameInAnotherJvmOnAnotherHost() throws Exception {
        String java = System.getProperty("java.home") + "/bin/java";
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KeyedFailures.class.getName());
        pb.environment().put("HOSTNAME", "another-host-" + System.nanoTime());
        pb.redirectErrorStream(true);
        Process child = pb.start();
        List<String> lines;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            lines = out.lines().collect(Collectors.toList());
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("child output: %s", lines).isZero();

        List<String> expected = new java.util.ArrayList<>(List.of(
                DedupKeys.of(KeyedFailures.databaseDown()),
                DedupKeys.of(KeyedFailures.badInput()),
                DedupKeys.ofMessage("com.example.Orders", "order 4711 failed for 0xdeadbeef")));
        for (String key : KeyedFailures.CALLER_KEYS) {
            expected.add(DedupKeys.sanitize(key));
        }
        assertThat(lines).containsExactlyElementsOf(expected);
    }

    @Test
    void distinctNonAsciiCallerKeysStayDistinctAndReadable() {
        assertThat(DedupKeys.sanitize("ошибка")).isEqualTo("ошибка");
        assertThat(DedupKeys.sanitize("авария")).isEqualTo("авария");
        assertThat(DedupKeys.sanitize("注文 4711")).isEqualTo("注文 4711");
        assertThat(DedupKeys.sanitize("ошибка\u0000")).isNotEqualTo(DedupKeys.sanitize("ошибка\u0001"))
                .startsWith("ошибка_~");
        assertThat(DedupKeys.sanitize("\uD800a")).isNotEqualTo(DedupKeys.sanitize("\uDC00a"));
        assertThat(DedupKeys.sanitize(" key")).isNotEqualTo(DedupKeys.sanitize("key")).startsWith("key~");
    }

    @Test
    void aSecretHiddenByAControlCharacterIsHashedNotShown() {
        assertThat(DedupKeys.sanitize("password\u0000=hunter2")).doesNotContain("hunter2").startsWith("hashed~");
    }

    @Test
    void aSecretLookingCallerKeyIsHashedWhole() {
        String key = DedupKeys.sanitize("login failed password=hunter2");
        assertThat(key).doesNotContain("hunter2").matches("hashed~[0-9a-f]{16}")
                .isEqualTo(DedupKeys.sanitize("login failed password=hunter2"))
                .isNotEqualTo(DedupKeys.sanitize("login failed password=hunter3"));
    }

    @Test
    void theSameFailureTwiceHasOneKeyWhateverItsMessage() {
        assertThat(DedupKeys.of(KeyedFailures.databaseDown())).isEqualTo(DedupKeys.of(KeyedFailures.databaseDown()));
    }

    @Test
    void differentRootCausesHaveDifferentKeys() {
        assertThat(DedupKeys.of(KeyedFailures.databaseDown())).isNotEqualTo(DedupKeys.of(KeyedFailures.badInput()));
        RuntimeException wrappedOther = new IllegalStateException("x", new java.net.SocketTimeoutException());
        wrappedOther.setStackTrace(KeyedFailures.databaseDown().getStackTrace());
        assertThat(DedupKeys.of(wrappedOther)).isNotEqualTo(DedupKeys.of(KeyedFailures.databaseDown()));
    }

    @Test
    void keysNameTheRootCauseAndFit() {
        String key = DedupKeys.of(KeyedFailures.databaseDown());
        assertThat(key).matches("ConnectException-[0-9a-f]{16}").hasSizeLessThan(DedupKeys.MAX_LENGTH);
    }

    @Test
    void lineNumberEditsDoNotChangeTheKey() {
        assertThat(DedupKeys.of(failureAt(10, 20))).isEqualTo(DedupKeys.of(failureAt(11, 95)));
    }

    @Test
    void lambdaAndProxyCountersDoNotChangeTheKey() {
        RuntimeException a = new RuntimeException();
        a.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.example.Service$$Lambda$123/0x0000000800c4b440", "apply", null, -1),
            new StackTraceElement("com.example.Service", "lambda$handle$4", "Service.java", 40),
            new StackTraceElement("com.example.Service$$SpringCGLIB$$0", "handle", null, -1)});
        RuntimeException b = new RuntimeException();
        b.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.example.Service$$Lambda/0x00007f3a1c0a2d58", "apply", null, -1),
            new StackTraceElement("com.example.Service", "lambda$handle$7", "Service.java", 41),
            new StackTraceElement("com.example.Service$$SpringCGLIB$$1", "handle", null, -1)});
        assertThat(DedupKeys.of(a)).isEqualTo(DedupKeys.of(b));
    }

    @Test
    void frameworkFramesAreSkippedSoTheApplicationFramesDecide() {
        RuntimeException viaTomcat = failureWithFrames("org.apache.catalina.core.StandardWrapper", "com.example.Orders");
        RuntimeException viaJetty = failureWithFrames("org.eclipse.jetty.server.Handler", "com.example.Orders");
        RuntimeException elsewhere = failureWithFrames("org.eclipse.jetty.server.Handler", "com.example.Payments");
        assertThat(DedupKeys.of(viaTomcat)).isEqualTo(DedupKeys.of(viaJetty)).isNotEqualTo(DedupKeys.of(elsewhere));
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(DedupKeys.of(a)).isNotBlank();
    }

    @Test
    void messagesAreNormalised() {
        assertThat(DedupKeys.normalize("order 123 failed for user 550e8400-e29b-41d4-a716-446655440000 at 0x7ffe12"))
                .isEqualTo("order # failed for user <uuid> at <hex>");
        assertThat(DedupKeys.normalize("trace 4bf92f3577b34da6a3ce929d0e0e4736  on   host"))
                .isEqualTo("trace <hex> on host");
        assertThat(DedupKeys.ofMessage("orders", "order 123 failed"))
                .isEqualTo(DedupKeys.ofMessage("orders", "order 456 failed"))
                .isNotEqualTo(DedupKeys.ofMessage("payments", "order 456 failed"))
                .isNotEqualTo(DedupKeys.ofMessage("orders", "order 456 shipped"));
    }

    @Test
    void callerKeysAreMadeSafe() {
        assertThat(DedupKeys.sanitize("srv01/mysql disk")).isEqualTo("srv01/mysql disk");
        assertThat(DedupKeys.sanitize("bad\nkey\u00e9")).matches("bad_key\u00e9~[0-9a-f]{16}");
        assertThat(DedupKeys.sanitize("   ")).isNull();
        assertThat(DedupKeys.sanitize("x".repeat(1000))).hasSize(217);
    }

    private static RuntimeException failureAt(int line1, int line2) {
        RuntimeException e = new IllegalArgumentException("bad");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.example.Orders", "place", "Orders.java", line1),
            new StackTraceElement("com.example.Api", "post", "Api.java", line2)});
        return e;
    }

    private static RuntimeException failureWithFrames(String framework, String app) {
        RuntimeException e = new IllegalStateException();
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(framework, "invoke", null, 1),
            new StackTraceElement(app, "handle", null, 2),
            new StackTraceElement(framework, "service", null, 3)});
        return e;
    }
}
