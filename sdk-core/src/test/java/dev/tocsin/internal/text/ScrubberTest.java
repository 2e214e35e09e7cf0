package dev.tocsin.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrubberTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    private static final String GHP = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";

    /** A secret in some syntax: the text, the secret that must go, and what must stay (the keyword). */
    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("login failed: password=hunter2; user=bob", "hunter2", "password="),
                Arguments.of("DB_PASSWORD=hunter2", "hunter2", "DB_PASSWORD="),
                Arguments.of("export PGPASSWORD=hunter2", "hunter2", "PGPASSWORD="),
                Arguments.of("MYSQL_ROOT_PASSWORD: hunter2", "hunter2", "MYSQL_ROOT_PASSWORD:"),
                Arguments.of("spring.datasource.password=hunter2", "hunter2", "spring.datasource.password="),
                Arguments.of("db-password = hunter2", "hunter2", "db-password"),
                Arguments.of("DB_PASS=hunter2", "hunter2", "DB_PASS="),
                Arguments.of("passwd: hunter2", "hunter2", "passwd:"),
                Arguments.of("ssl.key.passphrase=hunter2", "hunter2", "passphrase"),
                Arguments.of("{\"password\": \"hunter2\"}", "hunter2", "\"password\": \"****\""),
                Arguments.of("{\"client_secret\":\"s3cr3t-value\",\"id\":1}", "s3cr3t-value", "\"id\":1"),
                Arguments.of("{\"password\": \"hunt\\\"er2\", \"user\": \"bob\"}", "er2", "\"user\": \"bob\""),
                Arguments.of("{'password': 'hunter2'}", "hunter2", "'password': '****'"),
                Arguments.of("{\"credentials\": {\"user\": \"bob\", \"password\": \"hunter2\"}}", "hunter2",
                        "{\"credentials\": {\"user\": \"bob\", \"password\": \"****\"}}"),
                Arguments.of("sasl.jaas.config=PlainLoginModule required username=\"u\" password=\"hunter2\";",
                        "hunter2", "username=\"u\""),
                Arguments.of("jdbc:mysql://db:3306/orders?user=root&password=hunter2&ssl=true", "hunter2", "&ssl=true"),
                Arguments.of("password: \"unterminated hunter2\nnext line", "hunter2", "next line"),
                Arguments.of("config {\"api_key\": \"abc123\"}", "abc123", "api_key"),
                Arguments.of("GET /cb?access_token=abc123def&state=1", "abc123def", "&state=1"),
                Arguments.of("GET /cb?code=1&refresh_token=abc123def", "abc123def", "refresh_token="),
                Arguments.of("client_secret=s3cr3t", "s3cr3t", "client_secret="),
                Arguments.of("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "wJalrXUtnFEMI", "aws_secret_access_key"),
                Arguments.of("X-Api-Key: abc123def456", "abc123def456", "X-Api-Key:"),
                Arguments.of("sent Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "eyJhbG", "Authorization:"),
                Arguments.of("Authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz", "Authorization: Basic ****"),
                Arguments.of("curl -H 'Authorization: token ghx0123456789'", "ghx0123456789", "Authorization"),
                Arguments.of("header bearer abc.def-123456 sent", "abc.def-123456", "bearer ****"),
                Arguments.of("AccountName=x;AccountKey=abc+def/ghi==;EndpointSuffix=core",
                        "abc+def/ghi==", "EndpointSuffix=core"),
                Arguments.of("Endpoint=sb://x/;SharedAccessKeyName=root;SharedAccessKey=abc123=",
                        "abc123=", "SharedAccessKey="),
                Arguments.of("credentials: hunter2", "hunter2", "credentials:"),
                Arguments.of("'password' => 'hunter2'", "hunter2", "'password' =>"),
                Arguments.of("cannot connect to postgres://orders:hunter2@db.internal:5432/orders", "hunter2",
                        "postgres://****@db.internal:5432/orders"),
                Arguments.of("redis://:hunter2@cache:6379", "hunter2", "redis://****@cache"),
                Arguments.of("key AKIAIOSFODNN7EXAMPLE leaked", "AKIAIOSFODNN7EXAMPLE", "key **** leaked"),
                Arguments.of("AKIAIOSFODNN7EXAMPLE_backup", "AKIAIOSFODNN7EXAMPLE", "_backup"),
                Arguments.of("key_ASIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE", "key_"),
                Arguments.of("token " + GHP, GHP, "token "),
                Arguments.of("push github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "github_pat_", "push"),
                Arguments.of("clone glpat-abcdefghij0123456789", "glpat-", "clone"),
                Arguments.of("slack xoxb-1234567890-abcdefghij", "xoxb-", "slack"),
                Arguments.of("post https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX", "T000/B000",
                        "https://hooks.slack.com/services/****"),
                Arguments.of("charge sk_live_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqLyjWDarjtT1zdp7dc", "charge"),
                Arguments.of("restricted rk_live_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqLyjWDarjtT1zdp7dc", "restricted"),
                Arguments.of("maps AIzaSyA-0123456789abcdefghijklmnopqrstu ok", "AIzaSy", "ok"),
                Arguments.of("npm_0123456789abcdefghijklmnopqrstuvwxyz in .npmrc", "npm_", ".npmrc"),
                Arguments.of("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
                        "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "jwt "),
                Arguments.of(PEM, "MIIEow", Scrubber.KEY_REMOVED),
                Arguments.of("key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA\n-----END OPENSSH PRIVATE KEY-----\n",
                        "b3BlbnNzaA", "key:\n" + Scrubber.KEY_REMOVED + "\n"),
                Arguments.of("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHz\n-----END ENCRYPTED PRIVATE KEY-----",
                        "MIIFHz", Scrubber.KEY_REMOVED),
                Arguments.of("-----BEGIN EC PRIVATE KEY-----\nMHcCAQ\n-----END EC PRIVATE KEY----- done", "MHcCAQ",
                        " done"));
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void secretIsMaskedAndItsKeywordKept(String text, String secret, String kept) {
        String scrubbed = Scrubber.text(text);
        assertThat(scrubbed).doesNotContain(secret).contains(kept);
        assertThat(Scrubber.bounded(text, 1024, true)).isEqualTo(scrubbed);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Password reset failed for user bob",
        "token bucket refilled",
        "dedup_key=abc",
        "monkey=banana",
        "tokenizer_version=3",
        "bypass=true; passport=verified; secretary: Alice",
        "java.lang.IllegalStateException: PasswordEncoder not configured",
        "the api key is invalid, see the secret store",
        "basic authentication is disabled; Bearer realm=example",
        "Order 4711 failed: payment gateway https://pay.example.com/charge timed out after 30 s",
        "clone ssh://git@github.com/org/repo.git at 12:30:45",
        "GET http://localhost:8080/health?verbose=true&limit=10",
        "AKIA is a prefix; AKIAshort; eyJ is base64 for {\"",
        "Caused by: java.net.ConnectException: Connection refused\n\tat Foo.bar(Foo.java:42)",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        "org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"orders\"",
        "AmazonS3Exception: The AWS Access Key Id you provided does not exist (Error Code: InvalidAccessKeyId)",
        "password="})
    void innocentTextIsLeftAlone(String text) {
        assertThat(Scrubber.text(text)).isSameAs(text);
        assertThat(Scrubber.bounded(text, 1024, true)).isSameAs(text);
    }

    @Test
    void secretNamesAreRecognised() {
        assertThat(Stream.of("db.password", "X-Api-Key", "DB_PASSWORD", "client_secret", "aws_secret_access_key",
                "x-api-key", "accountKey", "SharedAccessKey", "refresh_token", "credentials", "authorization",
                "passwd", "tokenCount")).allMatch(Scrubber::secretName);
        assertThat(Stream.of("orderId", "dedup_key", "monkey", "tokenizer_version", "secretary", "passport",
                "bypass", "key")).noneMatch(Scrubber::secretName);
        assertThat(Scrubber.secretName(null)).isFalse();
    }

    @Test
    void summaryLongerThanTheMaximumIsCutAfterScrubbing() {
        assertThat(Scrubber.bounded(null, 10, false)).isNull();
        assertThat(Scrubber.bounded("password=hunter2\nand more text", 20, false)).isEqualTo("password=**** and m…");
        assertThat(Scrubber.bounded("a\nb", 10, true)).isEqualTo("a\nb");
    }

    @Test
    void pemBlockCrossingTheCutIsMaskedNotTruncated() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\n" + "MIIEowIBAAKCAQEA\n".repeat(200)
                + "-----END RSA PRIVATE KEY-----";
        String detail = "x".repeat(8000) + "\n" + key + "\nafter";
        String out = Scrubber.bounded(detail, 8192, true);
        assertThat(out).doesNotContain("MIIE").contains(Scrubber.KEY_REMOVED).endsWith("after").hasSizeLessThan(8192);
    }

    @Test
    void unterminatedPemBlockIsMaskedToTheEndOfTheWindow() {
        String detail = "x".repeat(100) + PEM.substring(0, PEM.indexOf("-----END")) + "MIIEow\n".repeat(10_000);
        assertThat(Scrubber.bounded(detail, 8192, true)).isEqualTo("x".repeat(100) + Scrubber.KEY_REMOVED + "…");
        assertThat(Scrubber.text("-----BEGIN PRIVATE KEY-----\nMIIEow")).isEqualTo(Scrubber.KEY_REMOVED);
    }

    @Test
    void secretCrossingTheWindowEndStaysOutOfView() {
        // a long key block shrinks to a few characters, pulling what follows it towards the start
        String key = "-----BEGIN PRIVATE KEY-----\n" + "x".repeat(Scrubber.MARGIN) + "\n-----END PRIVATE KEY-----\n";
        String url = "postgres://admin:" + "s3cr3t".repeat(100) + "@db/orders";
        int max = 1000;
        String detail = key + "y".repeat(max + Scrubber.MARGIN - key.length() - 40) + url;
        String out = Scrubber.bounded(detail, max, true);
        assertThat(out).doesNotContain("s3cr3t").startsWith(Scrubber.KEY_REMOVED).endsWith("…");
    }

    @Test
    void dbPasswordAfterUnderscoreIsMasked() {
        assertThat(Scrubber.text("env DB_PASSWORD=hunter2 HOME=/root")).isEqualTo("env DB_PASSWORD=**** HOME=/root");
        assertThat(Scrubber.text("MYSQL_ROOT_PASSWORD: hunter2")).isEqualTo("MYSQL_ROOT_PASSWORD: ****");
        assertThat(Scrubber.text("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG"))
                .isEqualTo("aws_secret_access_key=****");
    }

    @Test
    void akiaKeyFollowedByUnderscoreSuffixIsMasked() {
        assertThat(Scrubber.text("AKIAIOSFODNN7EXAMPLE_suffix")).isEqualTo("****_suffix");
    }

    @Test
    void pgpPrivateKeyBlockIsMasked() {
        String block = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----";
        assertThat(Scrubber.text("key " + block + " end")).isEqualTo("key " + Scrubber.KEY_REMOVED + " end");
    }

    @Test
    void githubPatIsMasked() {
        assertThat(Scrubber.text("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF used"))
                .isEqualTo("**** used");
    }

    @Test
    void hugeInputIsScrubbedInLinearTime() {
        String huge = "a.".repeat(5 * 1024 * 1024) + "password=hunter2";
        String out = assertTimeoutPreemptively(HANG_GUARD, () -> Scrubber.bounded(huge, 8192, true));
        assertThat(out).hasSize(8192).endsWith("…");
        assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> Scrubber.bounded(huge, 1024, false))).hasSize(1024);
    }

    @ParameterizedTest
    @MethodSource("pathologicalWindows")
    void pathologicalWindowIsScrubbedWithoutHanging(String window) {
        String out = assertTimeoutPreemptively(HANG_GUARD, () -> Scrubber.text(window));
        assertThat(out).doesNotContain("xxxx");
        assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> Scrubber.bounded(window, 8192, true)))
                .hasSizeLessThanOrEqualTo(8192);
    }

    static Stream<String> pathologicalWindows() {
        return Stream.of("a.".repeat(8000), "a:".repeat(8000), "\"password\": \"" + "x".repeat(16000),
                "\"password\": \"" + "\\\"".repeat(8000), "password=".repeat(2000) + "x".repeat(1000),
                "https://a:" + "b".repeat(16000), "-----BEGIN ".repeat(1500), "eyJ".repeat(5000),
                "Bearer " + "ab".repeat(8000), "DB_".repeat(5000) + "PASSWORD: xxxx", "AKIA".repeat(4000));
    }

    @Test
    void aControlCharacterCannotHideASecretThatCleaningWouldReveal() {
        assertThat(Scrubber.bounded("login password\u0000=hunter2 failed", 200, false)).doesNotContain("hunter2");
        assertThat(Scrubber.bounded("Authorization: Bearer\u0001abcdef0123456789", 200, false))
                .doesNotContain("abcdef0123456789");
        assertThat(Scrubber.bounded("db.password\u0007: hunter2", 200, true)).doesNotContain("hunter2");
    }
}
