package dev.tocsin.testing;

import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.Image;
import dev.tocsin.event.Link;
import dev.tocsin.event.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates hostile input for the public API from one seeded {@link Random}: strange strings, detail graphs that
 * recurse or throw ({@link HostileDetails}), exceptions whose accessors misbehave ({@link HostileThrowables}),
 * out-of-range timestamps, malformed URLs, {@code null} everywhere it is allowed to be passed.
 *
 * <p>It never calls {@code toString()} on what it makes; {@link #trail()} names what was chosen, so a failure
 * message can say what the input was without rendering it. Not thread-safe; one per case.
 */
public final class Hostile {
    /** The value every generated secret carries; it must never appear in a request body. */
    public static final String SECRET = "hunter2Zq";

    private final Random random;
    private final long seed;
    private final List<String> trail = new ArrayList<>();
    private final HostileDetails details;
    private final HostileThrowables throwables;

    public Hostile(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        this.details = new HostileDetails(this);
        this.throwables = new HostileThrowables(this);
    }

    public long seed() {
        return seed;
    }

    Random random() {
        return random;
    }

    /** What this generator chose so far, in order; safe to print. */
    public String trail() {
        return Seeds.rerun(seed) + ": " + String.join(", ", trail);
    }

    void note(String what) {
        if (trail.size() < 60) {
            trail.add(what);
        }
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** Any string, {@code null} included. Huge ones (1–10 MB) are rare. */
    public String string() {
        int kind = below(16);
        if (kind == 0 && chance(8)) {
            int mb = 1 + below(10);
            note("string:huge-" + mb + "MB");
            return "y".repeat(mb * 1024 * 1024);
        }
        return switch (kind) {
            case 0, 1 -> named("null", null);
            case 2 -> named("empty", "");
            case 3 -> named("whitespace", pick(" ", "\t\n\r ", "\u00A0\u2003\u3000", "\u2028\u2029", " \u0085 "));
            case 4 -> named("surrogates", pick("\uD800", "\uDFFF", "a\uDC00\uD800b", "\uD83D", "x\uDE00", "\uD83D\uDE00"));
            case 5 -> named("controls", pick("\u0000", "a\u0000b", "\u0007\u001B[31mred\u001B[0m", "\r\n\f\b", "\u007F\u009F"));
            case 6 -> named("format", pick("\u202Eevil\u202C", "zero\u200Bwidth", "\uFEFFbom", "\u2066iso\u2069", "a\u200D\u200Cb"));
            case 7 -> named("emoji", pick("🔥", "👩‍👩‍👧‍👦", "🇺🇦🏳️‍🌈", "💥".repeat(300), "e\u0301\u0301\u0301"));
            case 8 -> named("long-100KB", word().repeat(100 * 1024 / 8 + 1));
            case 9 -> named("secret", secret());
            case 10 -> named("url", url(false));
            case 11 -> named("json", pick("{\"a\":1}", "[", "{\"password\":\"" + SECRET + "\"}", "\"\\u0000\"",
                    "{}".repeat(1000), "null"));
            case 12 -> named("non-ascii", pick("ошибка", "авария", "障害が発生しました", "خطأ", "Ελλάδα", "ß"));
            case 13 -> named("ascii", word() + " " + below(1_000_000));
            default -> {
                note("concat");
                String a = string();
                String b = string();
                yield (a == null ? "" : a) + (b == null ? "" : b);
            }
        };
    }

    /** A non-null string. */
    public String text() {
        String s = string();
        return s == null ? "" : s;
    }

    /** A secret in a shape the scrubber knows, set off by a space so it is a word of its own. */
    public String secret() {
        return " " + pick("password=" + SECRET, "token: " + SECRET + below(99), "api_key=\"" + SECRET + "\"",
                "https://user:" + SECRET + "@db.example.com/x", "Authorization: Bearer " + SECRET + "abcdefgh",
                "pwd=" + SECRET);
    }

    /** A URL-shaped string: valid, malformed, or not a URL at all. */
    public String url(boolean https) {
        return pick(https ? "https://img.example.com/a.png" : "https://runbooks.example.com/a",
                "http://example.com/x", "https://exa mple.com", " https://example.com/lead", "https://",
                "https://example.com/\u0000nul", "javascript:alert(1)", "ftp://example.com", "//example.com",
                "https://example.com/" + "p".repeat(5000), "https://[::1", "https://пример.рф/", "https:example.com",
                "HTTPS://EXAMPLE.COM/UP", "https://user:" + SECRET + "@example.com/", "", null, "\t");
    }

    public Link link() {
        note("link");
        return new Link(url(false), string());
    }

    public Image image() {
        note("image");
        return new Image(url(true), url(false), string());
    }

    public Severity severity() {
        Severity[] all = Severity.values();
        int i = below(all.length + 1);
        return i == all.length ? null : all[i];
    }

    public Instant timestamp() {
        return switch (below(10)) {
            case 0 -> named("Instant.MIN", Instant.MIN);
            case 1 -> named("Instant.MAX", Instant.MAX);
            case 2 -> named("year 0", Instant.parse("0000-01-01T00:00:00Z"));
            case 3 -> named("year 10000", Instant.parse("+10000-01-01T00:00:00Z"));
            case 4 -> named("negative year", Instant.parse("-0042-06-01T12:00:00Z"));
            case 5 -> named("epoch", Instant.EPOCH);
            case 6 -> named("random", Instant.ofEpochSecond(random.nextLong() % Instant.MAX.getEpochSecond()));
            case 7 -> named("year 9999 last ns", Instant.parse("9999-12-31T23:59:59.999999999Z"));
            default -> named("null", null);
        };
    }

    /** A dedup key: usual, non-ASCII, long, secret-looking, blank or {@code null}. */
    public String dedupKey() {
        return switch (below(8)) {
            case 0 -> named("key:null", null);
            case 1 -> named("key:ascii", "key-" + below(1000));
            case 2 -> named("key:non-ascii", pick("ошибка", "авария", "障害", "ключ-" + below(100)));
            case 3 -> named("key:long", "k".repeat(200 + below(400)));
            case 4 -> named("key:secret", "db password=" + SECRET);
            default -> text();
        };
    }

    /** Any detail value, possibly hostile; see {@link HostileDetails}. */
    public Object detail() {
        return details.value(0);
    }

    /** Any throwable, possibly hostile; see {@link HostileThrowables}. */
    public Throwable throwable() {
        return throwables.any();
    }

    public Map<String, Object> detailMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = below(6);
        for (int i = 0; i < n; i++) {
            out.put(chance(20) ? secretName() : "d" + i + text(), detail());
        }
        return out;
    }

    String secretName() {
        return pick("password", "api_key", "X-Token", "client_secret");
    }

    /** An alert with every field drawn from the generators. */
    public Alert.Builder alert() {
        note("alert");
        Alert.Builder a = Alert.trigger(string()).dedupKey(dedupKey()).source(string()).severity(severity())
                .component(string()).group(string()).type(string()).timestamp(timestamp());
        detailMap().forEach(a::detail);
        for (int i = below(3); i > 0; i--) {
            a.link(url(false), string());
        }
        for (int i = below(3); i > 0; i--) {
            a.image(url(true), url(false), string());
        }
        return a;
    }

    public ChangeEvent change() {
        note("change");
        List<Link> links = new ArrayList<>();
        for (int i = below(3); i > 0; i--) {
            links.add(link());
        }
        return new ChangeEvent(string(), string(), timestamp(), chance(20) ? null : detailMap(), links);
    }

    String word() {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) ('a' + below(26));
        }
        return new String(c);
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[below(options.length)];
    }

    <T> T named(String what, T value) {
        note(what);
        return value;
    }
}
