package dev.tocsin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScrubberTest {

    @Test
    void commonSecretShapesAreMasked() {
        assertThat(Scrubber.text("cannot connect to postgres://orders:hunter2@db.internal:5432/orders"))
                .isEqualTo("cannot connect to postgres://****@db.internal:5432/orders");
        assertThat(Scrubber.text("sent Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"))
                .isEqualTo("sent Authorization: Bearer ****");
        assertThat(Scrubber.text("login failed: password=hunter2; user=bob"))
                .isEqualTo("login failed: password=****; user=bob");
        assertThat(Scrubber.text("config {\"api_key\": \"abc123\"}")).doesNotContain("abc123");
        assertThat(Scrubber.text("key AKIAIOSFODNN7EXAMPLE leaked")).isEqualTo("key **** leaked");
        assertThat(Scrubber.text("token ghp_0123456789abcdefghijklmnopqrstuvwxyz01")).doesNotContain("ghp_");
        assertThat(Scrubber.text("slack xoxb-1234567890-abcdefghij")).doesNotContain("xoxb-");
        assertThat(Scrubber.text("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"))
                .isEqualTo("[private key removed]");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String s = "Order 4711 failed: payment gateway https://pay.example.com/charge timed out after 30 s";
        assertThat(Scrubber.text(s)).isSameAs(s);
        assertThat(Scrubber.secretName("orderId")).isFalse();
        assertThat(Scrubber.secretName("db.password")).isTrue();
        assertThat(Scrubber.secretName("X-Api-Key")).isTrue();
    }
}
