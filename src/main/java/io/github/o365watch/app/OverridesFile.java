package io.github.o365watch.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.Printable;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.LocalEntry;
import io.github.o365watch.render.Overrides;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local overrides file (YAML): entries to add and to exclude, each with the comment that
 * says why. Unknown keys and bad values are usage errors naming the key and the line.
 *
 * <pre>
 * add:
 *   - entry: 10.20.0.0/16          # a prefix or a hostname pattern
 *     comment: branch breakout      # required
 *     category: Allow               # default Allow
 *     tcpPorts: "80,443"            # default 80,443
 *     udpPorts: ""                  # default none
 * exclude:
 *   - entry: 52.112.0.0/16
 *     comment: carried over ExpressRoute, not the Internet edge
 * </pre>
 */
public final class OverridesFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private OverridesFile() {}

    /** The file's shape. */
    public record Raw(List<RawEntry> add, List<RawEntry> exclude) {
    }

    /** One entry as written. */
    public record RawEntry(String entry, String comment, String category, String tcpPorts, String udpPorts) {
    }

    public static Overrides read(Path file) {
        Raw raw;
        try {
            raw = YAML.readValue(Files.readAllBytes(file), Raw.class);
        } catch (NoSuchFileException e) {
            throw new UsageException("overrides file " + file + " does not exist");
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new UsageException("overrides file " + file + ", line " + line(file, e.getPropertyName()) + ": unknown key '"
                    + Printable.of(e.getPropertyName()) + "' (known: entry, comment, category, tcpPorts, udpPorts)");
        } catch (JsonProcessingException e) {
            throw new UsageException("overrides file " + file + where(e) + ": " + Printable.line(e.getOriginalMessage(), 200));
        } catch (IOException e) {
            throw new UsageException("cannot read overrides file " + file + ": " + e.getMessage());
        }
        if (raw == null) {
            return Overrides.NONE;
        }
        return new Overrides(entries(file, "add", raw.add(), true), entries(file, "exclude", raw.exclude(), false));
    }

    /** The first line that sets the key (the parser's own location is past it). */
    private static int line(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("^\\s*(-\\s*)?\"?" + java.util.regex.Pattern.quote(key) + "\"?\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            // fall through: the message still names the key
        }
        return 0;
    }

    private static String where(JsonProcessingException e) {
        StringBuilder s = new StringBuilder();
        // the start of the offending token, not where the parser stopped
        JsonLocation l = e.getLocation();
        if (l != null) {
            s.append(", line ").append(l.getLineNr());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex() + 1).append(']');
                }
            }
            s.append(", key ").append(Printable.of(path.toString()));
        }
        return s.toString();
    }

    private static List<LocalEntry> entries(Path file, String section, List<RawEntry> raw, boolean adding) {
        List<LocalEntry> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (int i = 0; i < raw.size(); i++) {
            RawEntry r = raw.get(i);
            String where = "overrides file " + file + ", " + section + " entry " + (i + 1) + ": ";
            if (r == null || r.entry() == null || r.entry().isBlank()) {
                throw new UsageException(where + "'entry' is missing");
            }
            if (r.comment() == null || r.comment().isBlank()) {
                throw new UsageException(where + "every override needs a 'comment' that says why");
            }
            if (!adding && (r.category() != null || r.tcpPorts() != null || r.udpPorts() != null)) {
                throw new UsageException(where + "an exclusion takes only 'entry' and 'comment'");
            }
            try {
                Entry entry = entry(r.entry().strip());
                Category category = r.category() == null ? Category.ALLOW : Category.parse(r.category());
                PortSet tcp = r.tcpPorts() == null ? PortSet.parse("80,443") : PortSet.parse(r.tcpPorts());
                PortSet udp = PortSet.parse(r.udpPorts());
                out.add(new LocalEntry(entry, category, tcp, udp, Printable.line(r.comment(), 200)));
            } catch (InvalidDataException e) {
                throw new UsageException(where + e.getMessage());
            }
        }
        return out;
    }

    private static Entry entry(String s) {
        if (s.matches("[0-9.]+(/[0-9]+)?|.*:.*")) {
            try {
                return new Entry.Ip(IpPrefix.parse(s));
            } catch (IllegalArgumentException e) {
                throw new InvalidDataException(e.getMessage());
            }
        }
        return new Entry.Host(HostPattern.parse(s));
    }
}
