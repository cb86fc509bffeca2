package io.github.o365watch.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.RawChangeRecord;
import io.github.o365watch.domain.RawEndpointSet;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.text.Printable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xml.sax.InputSource;

/**
 * Reads the web service's responses into domain values. Strict about types (no "1" for 1, no
 * 1.5 for an id), lenient about fields it does not know (Microsoft adds them without notice).
 */
public final class WireFormat {
    private static final ObjectMapper JSON = mapper();

    private WireFormat() {}

    private static ObjectMapper mapper() {
        JsonMapper m = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        // "id": "12" or "required": "true" is a type error, not something to guess at
        m.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return m;
    }

    /** {@code /version}: an array of {instance, latest}, or one such object. */
    public static List<PublishedVersion> versions(byte[] body, String what) {
        JsonNode root = tree(body, what);
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else if (root.isObject()) {
            items.add(root);
        } else {
            throw new InvalidDataException(what + ": expected a JSON array or object");
        }
        if (items.isEmpty()) {
            throw new InvalidDataException(what + ": lists no instance");
        }
        List<PublishedVersion> out = new ArrayList<>();
        for (JsonNode n : items) {
            out.add(new PublishedVersion(instance(n, what), version(n, "latest", what)));
        }
        return out;
    }

    /** A mirror's {@code version.json}: the {@code /version} shape, plus the endpoints file's SHA-256 when o365watch wrote it. */
    public static List<MirrorLayout.Entry> mirrorIndex(byte[] body, String what) {
        List<MirrorLayout.Entry> out = new ArrayList<>();
        JsonNode root = tree(body, what);
        List<PublishedVersion> versions = versions(body, what);
        for (int i = 0; i < versions.size(); i++) {
            JsonNode n = root.isArray() ? root.get(i) : root;
            java.util.Map<String, String> files = new java.util.TreeMap<>();
            JsonNode f = n.get("files");
            if (f != null) {
                if (!f.isObject()) {
                    throw new InvalidDataException(what + ": 'files' is not an object");
                }
                for (var e : f.properties()) {
                    if (!e.getValue().isTextual() || !e.getValue().asText().matches("[0-9a-f]{64}")) {
                        throw new InvalidDataException(
                                what + ": the checksum of " + Printable.of(e.getKey()) + " is not a SHA-256");
                    }
                    files.put(e.getKey(), e.getValue().asText());
                }
            }
            out.add(new MirrorLayout.Entry(
                    versions.get(i).instance(), versions.get(i).latest(), files));
        }
        return out;
    }

    /** {@code /version/{instance}?AllVersions=true}. */
    public static VersionHistory history(byte[] body, String what) {
        JsonNode root = tree(body, what);
        if (!root.isObject()) {
            throw new InvalidDataException(what + ": expected a JSON object");
        }
        List<Version> all = new ArrayList<>();
        JsonNode versions = root.get("versions");
        if (versions != null) {
            if (!versions.isArray()) {
                throw new InvalidDataException(what + ": 'versions' is not an array");
            }
            for (JsonNode v : versions) {
                all.add(textVersion(v, what));
            }
        }
        Version latest = version(root, "latest", what);
        if (!all.contains(latest)) {
            all.add(latest);
        }
        return new VersionHistory(instance(root, what), latest, all);
    }

    /** {@code /endpoints/{instance}}: validated into a snapshot labelled with the given version, within {@link FeedRules}. */
    public static Snapshot endpoints(byte[] body, Instance instance, Version version, String what) {
        RawEndpointSet[] raw = bind(body, RawEndpointSet[].class, what);
        if (raw.length == 0) {
            throw new InvalidDataException(
                    what + ": the service returned no endpoint sets (an empty list is never a real version)");
        }
        FeedRules.checkSize(raw, what);
        Snapshot s;
        try {
            s = Snapshot.parse(instance, version, Arrays.asList(raw));
        } catch (InvalidDataException e) {
            throw new InvalidDataException(what + ": " + e.getMessage(), e);
        }
        FeedRules.check(s, what);
        return s;
    }

    /** {@code /changes/{instance}/{version}}: every record, validated. */
    public static List<ChangeRecord> changes(byte[] body, String what) {
        RawChangeRecord[] raw = bind(body, RawChangeRecord[].class, what);
        List<ChangeRecord> out = new ArrayList<>(raw.length);
        try {
            for (RawChangeRecord r : raw) {
                out.add(ChangeRecord.parse(r));
            }
        } catch (InvalidDataException e) {
            throw new InvalidDataException(what + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The RSS form of the version history, read with Rome. */
    public static List<FeedEntry> feed(byte[] body, String what) {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            feed = input.build(new InputSource(new ByteArrayInputStream(body)));
        } catch (FeedException | IllegalArgumentException e) {
            throw new InvalidDataException(what + ": not an RSS feed: " + Printable.of(String.valueOf(e.getMessage())));
        }
        List<FeedEntry> out = new ArrayList<>();
        for (SyndEntry e : feed.getEntries()) {
            String guid = e.getUri();
            String title = Optional.ofNullable(e.getTitle()).orElse("");
            String versionText = guid != null && !guid.isBlank() ? guid : title.split(" ")[0];
            Version v;
            try {
                v = Version.parse(versionText);
            } catch (InvalidDataException ex) {
                throw new InvalidDataException(what + ": feed item without a version: " + ex.getMessage());
            }
            String summary = e.getDescription() == null
                    ? ""
                    : Http.oneLine(e.getDescription().getValue());
            out.add(new FeedEntry(
                    v, summary, Optional.ofNullable(e.getPublishedDate()).map(java.util.Date::toInstant)));
        }
        out.sort((a, b) -> b.version().compareTo(a.version()));
        return out;
    }

    private static Instance instance(JsonNode n, String what) {
        JsonNode i = n.get("instance");
        if (i == null || !i.isTextual()) {
            throw new InvalidDataException(what + ": 'instance' is missing or not a string");
        }
        return Instance.parse(i.asText());
    }

    private static Version version(JsonNode n, String field, String what) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new InvalidDataException(what + ": '" + field + "' is missing");
        }
        return textVersion(v, what);
    }

    private static Version textVersion(JsonNode v, String what) {
        if (!v.isTextual()) {
            throw new InvalidDataException(what + ": version " + Printable.of(v.toString()) + " is not a string");
        }
        try {
            return Version.parse(v.asText());
        } catch (InvalidDataException e) {
            throw new InvalidDataException(what + ": " + e.getMessage());
        }
    }

    private static JsonNode tree(byte[] body, String what) {
        checkNotEmpty(body, what);
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw notJson(e, what);
        }
    }

    private static <T> T bind(byte[] body, Class<T> type, String what) {
        checkNotEmpty(body, what);
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw notJson(e, what);
        }
    }

    private static void checkNotEmpty(byte[] body, String what) {
        if (new String(body, StandardCharsets.ISO_8859_1).isBlank()) {
            throw new InvalidDataException(what + ": empty response");
        }
    }

    private static InvalidDataException notJson(IOException e, String what) {
        String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        String at = "";
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            at = " at line " + j.getLocation().getLineNr() + ", column "
                    + j.getLocation().getColumnNr();
        }
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                && !m.getPath().isEmpty()) {
            at += " (" + path(m) + ")";
        }
        return new InvalidDataException(what + ": not the expected JSON: " + Printable.of(firstLine(detail)) + at, e);
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException m) {
        StringBuilder out = new StringBuilder();
        for (var ref : m.getPath()) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(Printable.of(ref.getFieldName()));
            }
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
