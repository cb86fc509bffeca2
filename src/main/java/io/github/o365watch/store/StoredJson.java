package io.github.o365watch.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.github.o365watch.domain.RawEndpointSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's snapshot and meta files read with jackson-core's streaming parser, field by field,
 * instead of a data binder: every command that loads a version reads them, and building the
 * binder's deserializers by reflection cost more than the parse (audit's start). The same
 * answers as {@link CanonicalJson#read} for what the store writes (a test holds the two to the
 * same result over every real snapshot): unknown fields skipped, duplicate keys and anything
 * after the value refused. Stricter where the binder would coerce (a number given as text, a
 * single value for a list): the store never writes those, and a file that holds them was edited,
 * so it is refused, never read as something else.
 */
final class StoredJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StoredJson() {}

    /** A snapshot file's endpoint sets; null when the file holds {@code null}, as the binder gives it. */
    static List<RawEndpointSet> sets(byte[] data) throws IOException {
        try (JsonParser p = FACTORY.createParser(data)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                end(p);
                return null;
            }
            expect(p, t, JsonToken.START_ARRAY, "an array of endpoint sets");
            List<RawEndpointSet> out = new ArrayList<>();
            for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(p, t, JsonToken.START_OBJECT, "an endpoint set (an object)");
                out.add(set(p));
            }
            end(p);
            return out;
        }
    }

    private static RawEndpointSet set(JsonParser p) throws IOException {
        Integer id = null;
        String serviceArea = null;
        String serviceAreaDisplayName = null;
        List<String> urls = null;
        List<String> ips = null;
        String tcpPorts = null;
        String udpPorts = null;
        Boolean expressRoute = null;
        String category = null;
        Boolean required = null;
        String notes = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> id = integer(p, t);
                case "serviceArea" -> serviceArea = text(p, t);
                case "serviceAreaDisplayName" -> serviceAreaDisplayName = text(p, t);
                case "urls" -> urls = texts(p, t);
                case "ips" -> ips = texts(p, t);
                case "tcpPorts" -> tcpPorts = text(p, t);
                case "udpPorts" -> udpPorts = text(p, t);
                case "expressRoute" -> expressRoute = bool(p, t);
                case "category" -> category = text(p, t);
                case "required" -> required = bool(p, t);
                case "notes" -> notes = text(p, t);
                default -> p.skipChildren(); // as the binder: a field this version does not know is ignored
            }
        }
        return new RawEndpointSet(
                id,
                serviceArea,
                serviceAreaDisplayName,
                urls,
                ips,
                tcpPorts,
                udpPorts,
                expressRoute,
                category,
                required,
                notes);
    }

    /** A meta file. */
    static Meta meta(byte[] data) throws IOException {
        try (JsonParser p = FACTORY.createParser(data)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "an object");
            Integer format = null;
            String instance = null;
            String version = null;
            Integer revision = null;
            Integer endpointSets = null;
            String sha256 = null;
            String changesSha256 = null;
            String rawSha256 = null;
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "format" -> format = integer(p, t);
                    case "instance" -> instance = text(p, t);
                    case "version" -> version = text(p, t);
                    case "revision" -> revision = integer(p, t);
                    case "endpointSets" -> endpointSets = integer(p, t);
                    case "sha256" -> sha256 = text(p, t);
                    case "changesSha256" -> changesSha256 = text(p, t);
                    case "rawSha256" -> rawSha256 = text(p, t);
                    default -> p.skipChildren();
                }
            }
            end(p);
            return new Meta(format, instance, version, revision, endpointSets, sha256, changesSha256, rawSha256);
        }
    }

    private static Integer integer(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, t, JsonToken.VALUE_NUMBER_INT, "a whole number");
        return p.getIntValue(); // refuses a number past int's range, as the binder does
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, t, JsonToken.VALUE_STRING, "a string");
        return p.getText();
    }

    private static Boolean bool(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw new JsonParseException(p, "expected true or false, found " + t);
        }
        return t == JsonToken.VALUE_TRUE;
    }

    private static List<String> texts(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, t, JsonToken.START_ARRAY, "an array of strings");
        List<String> out = new ArrayList<>();
        for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            expect(p, t, JsonToken.VALUE_STRING, "a string");
            out.add(p.getText());
        }
        return out;
    }

    private static void expect(JsonParser p, JsonToken t, JsonToken wanted, String what) throws IOException {
        if (t != wanted) {
            throw new JsonParseException(p, "expected " + what + ", found " + (t == null ? "the end" : t));
        }
    }

    /** Nothing after the value (the binder's FAIL_ON_TRAILING_TOKENS). */
    private static void end(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw new JsonParseException(p, "unexpected " + t + " after the value");
        }
    }
}
