package dev.tocsin.internal.pipeline;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.event.Image;
import dev.tocsin.event.Link;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.text.Details;
import dev.tocsin.internal.text.Scrubber;
import dev.tocsin.internal.text.StackTraceText;
import dev.tocsin.internal.text.Throwables;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an event as the caller made it into one ready to encode: defaults filled in, dedup key derived, every
 * text field scrubbed of secrets, cleaned and bounded, details made plain (see {@link Details}), URLs checked,
 * the timestamp brought into RFC 3339's range. Runs on the dispatch thread only; never throws for bad input,
 * it repairs, cuts or leaves out.
 */
final class Normalizer {
    static final int MAX_SUMMARY = 1024;
    static final int MAX_FIELD = 255;
    static final int MAX_DETAIL_TEXT = Details.MAX_VALUE_TEXT;
    static final int MAX_LINKS = 50;
    static final int MAX_LINK_TEXT = 1024;
    static final int MAX_URL = 2048;
    static final int STACK_FRAMES = 12;
    /** RFC 3339 has four-digit years; timestamps outside are clamped to this range. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    /** The detail that keeps a timestamp that had to be clamped. */
    static final String ORIGINAL_TIMESTAMP = "original_timestamp";

    private final String source;
    private final Clock clock;

    Normalizer(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** The normalised alert, or {@code null} if it cannot be sent (acknowledge or resolve without a key). */
    Alert alert(Alert a, Throwable error) {
        String key = DedupKeys.sanitize(a.dedupKey());
        if (key == null && a.action() != Action.TRIGGER) {
            return null;
        }
        String summary = Scrubber.bounded(a.summary(), MAX_SUMMARY, false);
        if (summary == null || summary.isBlank()) {
            summary = error != null ? Scrubber.bounded(Throwables.describe(error), MAX_SUMMARY, false)
                    : a.action() == Action.TRIGGER ? "(no summary)" : null;
        }
        if (key == null) {
            key = error != null ? DedupKeys.of(error) : DedupKeys.ofMessage(a.component(), summary);
        }
        Map<String, Object> details = new Details().clean(a.details());
        if (error != null) {
            // Rendered only if absent: a log-born alert brings both, made once by the appender on this thread.
            details.computeIfAbsent("exception", k -> Scrubber.bounded(Throwables.describe(error), MAX_DETAIL_TEXT,
                    true));
            details.computeIfAbsent("stack_trace", k -> stackTrace(error));
        }
        Instant at = timestamp(a.timestamp(), details);
        return new Alert(a.action(), key, summary, source(a.source()),
                a.severity() == null ? Severity.ERROR : a.severity(), field(a.component()), field(a.group()),
                field(a.type()), details, links(a.links()), images(a.images()), at);
    }

    /**
     * An alert the rules changed, checked again only where rules can bring something new: the dedup key, links (URLs
     * made from templates) and the notes they added. The rest was normalised already and is carried over as it is.
     */
    Alert afterRules(Alert a) {
        String key = DedupKeys.sanitize(a.dedupKey());
        Map<String, Object> details = a.details();
        Object notes = details.get("notes");
        if (notes instanceof List<?> list) {
            List<Object> bounded = new ArrayList<>(Math.min(list.size(), 100));
            for (Object n : list) {
                if (bounded.size() < 100) {
                    bounded.add(n instanceof String text ? Scrubber.bounded(text, MAX_DETAIL_TEXT, true) : n);
                }
            }
            details = new java.util.LinkedHashMap<>(details);
            details.put("notes", bounded);
        }
        return new Alert(a.action(), key, a.summary(), a.source(), a.severity(), a.component(), a.group(), a.type(),
                details, links(a.links()), a.images(), a.timestamp());
    }

    ChangeEvent change(ChangeEvent e) {
        Map<String, Object> details = new Details().clean(e.details());
        String summary = Scrubber.bounded(e.summary(), MAX_SUMMARY, false);
        return new ChangeEvent(summary == null || summary.isBlank() ? "(no summary)" : summary, source(e.source()),
                timestamp(e.timestamp(), details), details, links(e.links()));
    }

    static String stackTrace(Throwable error) {
        return Scrubber.bounded(StackTraceText.render(error, STACK_FRAMES), MAX_DETAIL_TEXT, true);
    }

    private String source(String requested) {
        String s = field(requested);
        return s == null ? source : s;
    }

    /** A short one-line field: scrubbed, cleaned, cut; {@code null} when nothing is left of it. */
    private static String field(String s) {
        String out = Scrubber.bounded(s, MAX_FIELD, false);
        return out == null || out.isBlank() ? null : out;
    }

    private Instant timestamp(Instant requested, Map<String, Object> details) {
        Instant at = requested == null ? clock.instant() : requested;
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            details.put(ORIGINAL_TIMESTAMP, at.toString());
            return at.isBefore(EARLIEST) ? EARLIEST : LATEST;
        }
        return at;
    }

    private static List<Link> links(List<Link> links) {
        List<Link> out = new ArrayList<>();
        for (Link link : links) {
            if (out.size() == MAX_LINKS) {
                break;
            }
            String href = link == null ? null : url(link.href(), false);
            if (href != null) {
                out.add(new Link(href, Scrubber.bounded(link.text(), MAX_LINK_TEXT, false)));
            }
        }
        return out;
    }

    private static List<Image> images(List<Image> images) {
        List<Image> out = new ArrayList<>();
        for (Image image : images) {
            if (out.size() == MAX_LINKS) {
                break;
            }
            String src = image == null ? null : url(image.src(), true);
            if (src != null) {
                out.add(new Image(src, url(image.href(), false), Scrubber.bounded(image.alt(), MAX_LINK_TEXT, false)));
            }
        }
        return out;
    }

    /**
     * The URL, scrubbed (credentials in it are masked), if it is a valid absolute http(s) URL with a host, at most
     * {@value #MAX_URL} characters long; otherwise {@code null}: a cut or repaired URL would lead nowhere.
     */
    static String url(String url, boolean httpsOnly) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL) {
            return null;
        }
        String scrubbed = Scrubber.text(url);
        try {
            URI uri = new URI(scrubbed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("https") || !httpsOnly && scheme.equals("http");
            if (!web || uri.getHost() == null || uri.getHost().isEmpty()) {
                return null;
            }
            String decoded = uri.getSchemeSpecificPart() + (uri.getFragment() == null ? "" : "#" + uri.getFragment());
            if (!Scrubber.text(decoded).equals(decoded)) {
                return null; // a secret hidden by percent-encoding: no way to mask it in place
            }
            return scheme + scrubbed.substring(scheme.length()); // HTTPS://… as https://…
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
