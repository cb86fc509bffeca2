package io.github.o365watch.serve;

/**
 * One file as it is served: its bytes (never changed after reading), SHA-256, modification time
 * and media type. The entity tag is the checksum, so the same bytes keep the same tag across
 * releases and restarts.
 */
public record ServedFile(String path, byte[] bytes, String sha256, long lastModifiedMillis, String mediaType) {
    public String etag() {
        return "\"" + sha256.substring(0, 32) + "\"";
    }

    /** The media type a device expects for a served file, from its name. */
    public static String mediaType(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".pac") || n.equals("wpad.dat")) {
            return "application/x-ns-proxy-autoconfig";
        }
        if (n.endsWith(".json")) {
            return "application/json";
        }
        if (n.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (n.endsWith(".md")) {
            return "text/markdown; charset=utf-8";
        }
        if (n.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        }
        if (n.endsWith(".rss") || n.endsWith(".xml")) {
            return "application/rss+xml; charset=utf-8";
        }
        return "text/plain; charset=utf-8";
    }
}
