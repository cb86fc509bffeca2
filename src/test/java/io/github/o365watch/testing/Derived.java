package io.github.o365watch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Predicate;

/**
 * Versions that were never published, made from real ones by one stated edit: the shrinking,
 * growing and truncated lists the nightly job must cope with.
 */
public final class Derived {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Derived() {}

    /** The endpoint sets of {@code endpoints} with the IP ranges of the sets {@code which} accepts removed. */
    public static byte[] withoutIps(byte[] endpoints, Predicate<JsonNode> which) {
        ArrayNode sets = read(endpoints);
        for (JsonNode s : sets) {
            if (which.test(s)) {
                ((ObjectNode) s).remove("ips");
            }
        }
        return write(sets);
    }

    /** Without the sets {@code which} accepts. */
    public static byte[] withoutSets(byte[] endpoints, Predicate<JsonNode> which) {
        ArrayNode sets = read(endpoints);
        ArrayNode out = JSON.createArrayNode();
        sets.forEach(s -> {
            if (!which.test(s)) {
                out.add(s);
            }
        });
        return write(out);
    }

    /** With {@code prefix} added to the IP ranges of set {@code id}. */
    public static byte[] withIp(byte[] endpoints, int id, String prefix) {
        ArrayNode sets = read(endpoints);
        for (JsonNode s : sets) {
            if (s.path("id").asInt() == id) {
                ArrayNode ips = s.has("ips") ? (ArrayNode) s.get("ips") : ((ObjectNode) s).putArray("ips");
                ips.add(prefix);
            }
        }
        return write(sets);
    }

    /** With {@code host} added to the hostnames of set {@code id}. */
    public static byte[] withUrl(byte[] endpoints, int id, String host) {
        ArrayNode sets = read(endpoints);
        for (JsonNode s : sets) {
            if (s.path("id").asInt() == id) {
                ArrayNode urls = s.has("urls") ? (ArrayNode) s.get("urls") : ((ObjectNode) s).putArray("urls");
                urls.add(host);
            }
        }
        return write(sets);
    }

    /** With the IP range {@code from} replaced by {@code to} in the sets {@code which} accepts. */
    public static byte[] withIpReplaced(byte[] endpoints, Predicate<JsonNode> which, String from, String to) {
        ArrayNode sets = read(endpoints);
        for (JsonNode s : sets) {
            if (which.test(s) && s.has("ips")) {
                ArrayNode ips = (ArrayNode) s.get("ips");
                for (int i = 0; i < ips.size(); i++) {
                    if (ips.get(i).asText().equals(from)) {
                        ips.set(i, to);
                    }
                }
            }
        }
        return write(sets);
    }

    /** With the text field {@code field} (a display name, the notes) set to {@code value} in the sets {@code which} accepts. */
    public static byte[] withField(byte[] endpoints, Predicate<JsonNode> which, String field, String value) {
        ArrayNode sets = read(endpoints);
        for (JsonNode s : sets) {
            if (which.test(s)) {
                ((ObjectNode) s).put(field, value);
            }
        }
        return write(sets);
    }

    private static ArrayNode read(byte[] b) {
        try {
            return (ArrayNode) JSON.readTree(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode n) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
