package io.github.o365watch.app;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.LocalEntry;
import io.github.o365watch.render.Overrides;
import io.github.o365watch.text.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local overrides file (YAML): entries to add and to exclude, each with the comment that
 * says why. Read as strictly as the config file ({@link StrictYaml}): a repeated key or section, a
 * second document, an unknown key or a bad value is a usage error naming the key and the line, so
 * no exclusion is ever dropped in silence.
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
    /** Far above any real overrides file (a few kilobytes, a few thousand entries at most). */
    static final long MAX_BYTES = 4 << 20;

    private static final StrictYaml.Kind KIND = new StrictYaml.Kind(
            "overrides file",
            MAX_BYTES,
            "",
            (key, path) -> path.contains("[")
                    ? " (known: entry, comment, category, tcpPorts, udpPorts)"
                    : " (known: add, exclude)");

    private OverridesFile() {}

    /** The file's shape. */
    public record Raw(List<RawEntry> add, List<RawEntry> exclude) {}

    /** One entry as written. */
    public record RawEntry(String entry, String comment, String category, String tcpPorts, String udpPorts) {}

    /** Reads the file with the config file's strictness (duplicate keys, a second document, unknown keys, nulls: usage errors). */
    public static Overrides read(Path file) {
        StrictYaml.Read<Raw> read = StrictYaml.read(file, KIND, Raw.class);
        Raw raw = read.value();
        if (raw == null) {
            return Overrides.NONE;
        }
        return new Overrides(
                entries(read.at(), "add", raw.add(), true), entries(read.at(), "exclude", raw.exclude(), false));
    }

    private static List<LocalEntry> entries(StrictYaml.At at, String section, List<RawEntry> raw, boolean adding) {
        List<LocalEntry> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (int i = 0; i < raw.size(); i++) {
            RawEntry r = raw.get(i);
            String key = section + "[" + (i + 1) + "]";
            if (r == null || r.entry() == null || r.entry().isBlank()) {
                throw at.error(key, "'entry' is missing");
            }
            if (r.comment() == null || r.comment().isBlank()) {
                throw at.error(key, "every override needs a 'comment' that says why");
            }
            if (!adding && (r.category() != null || r.tcpPorts() != null || r.udpPorts() != null)) {
                throw at.error(key, "an exclusion takes only 'entry' and 'comment'");
            }
            try {
                Entry entry = entry(r.entry().strip());
                Category category = r.category() == null ? Category.ALLOW : Category.parse(r.category());
                PortSet tcp = r.tcpPorts() == null ? PortSet.parse("80,443") : PortSet.parse(r.tcpPorts());
                PortSet udp = PortSet.parse(r.udpPorts());
                out.add(new LocalEntry(entry, category, tcp, udp, Printable.line(r.comment(), 200)));
            } catch (InvalidDataException e) {
                throw at.error(key, e.getMessage());
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
