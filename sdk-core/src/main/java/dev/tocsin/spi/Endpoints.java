package dev.tocsin.spi;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks endpoint URLs at configuration time, as every Tocsin destination does: well-formed, absolute, and HTTPS
 * unless the host is a loopback address or plain HTTP is allowed. For destinations and integrations of their own.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /**
     * Checks one endpoint URL and returns it parsed.
     *
     * @param setting the setting's name, for the error message
     * @param url the URL as configured
     * @param allowInsecure whether plain HTTP is allowed to a non-loopback host
     * @throws IllegalArgumentException naming the setting; the URL's query, which may carry a key, is not shown
     */
    public static URI check(String setting, String url, boolean allowInsecure) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("tocsin: " + setting + " is required");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("tocsin: " + setting + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("tocsin: " + setting
                    + " must be an absolute http(s) URL with a host, was scheme '" + scheme + "'");
        }
        if (scheme.equals("http") && !allowInsecure && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("tocsin: " + setting + " must use https for host " + uri.getHost()
                    + " (plain http is allowed only to loopback addresses or when explicitly allowed)");
        }
        return uri;
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost: never resolved at configuration time
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }
}
