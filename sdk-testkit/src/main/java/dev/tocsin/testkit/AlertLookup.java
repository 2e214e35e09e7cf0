package dev.tocsin.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v2/alerts}: the firing alerts whose labels match every {@code filter} matcher
 * ({@code name="value"}, {@code !=}, {@code =~}, {@code !~}), in Alertmanager's format.
 */
final class AlertLookup {
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");

    private AlertLookup() {
    }

    static byte[] answer(List<AlertmanagerAlert> alerts, String query) {
        List<String[]> matchers = new ArrayList<>();
        for (String part : query.split("&")) {
            if (part.startsWith("filter=")) {
                Matcher m = MATCHER.matcher(URLDecoder.decode(part.substring(7), StandardCharsets.UTF_8));
                if (m.matches()) {
                    matchers.add(new String[] {m.group(1), m.group(2), unquote(m.group(3))});
                }
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (AlertmanagerAlert alert : alerts) {
            if (alert.firing() && matchers.stream().allMatch(m -> matches(alert.labels(), m))) {
                ObjectNode a = out.addObject();
                a.putPOJO("labels", alert.labels());
                a.putPOJO("annotations", alert.annotations());
                a.put("startsAt", alert.startsAt().toString());
                a.put("endsAt", alert.endsAt().toString());
                a.put("updatedAt", alert.lastReceivedAt().toString());
                if (alert.generatorUrl() != null) {
                    a.put("generatorURL", alert.generatorUrl());
                }
                a.put("fingerprint", Integer.toHexString(alert.labels().hashCode()));
                a.putArray("receivers").addObject().put("name", "tocsin-inbox");
                ObjectNode status = a.putObject("status").put("state", "active");
                status.putArray("silencedBy");
                status.putArray("inhibitedBy");
            }
        }
        try {
            return Json.MAPPER.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean matches(Map<String, String> labels, String[] m) {
        String value = labels.getOrDefault(m[0], "");
        return switch (m[1]) {
            case "=" -> value.equals(m[2]);
            case "!=" -> !value.equals(m[2]);
            case "=~" -> value.matches(m[2]);
            default -> !value.matches(m[2]);
        };
    }

    private static String unquote(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
