package io.github.o365watch.inspect;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The formats of a deployed configuration o365watch can read: every target it writes, and plain
 * text. Each format is one constant with its reader and its {@link Detection} (how it is told
 * from content); which target writes which format is {@code app.TargetRegistry}'s table.
 */
public enum ConfigFormat {
    TEXT(PlainReader::text, Detection.opening(65, PlainReader::markup)),
    EDL(PlainReader::edl, Detection.shape(140, PlainReader::entryPerLine)),
    PAC(PacReader::read, Detection.opening(110, PacReader::claims)),
    SQUID(SquidReader::read, Detection.lines(100, SquidReader::signature)),
    NFTABLES(
            LinuxReaders::nftables,
            Detection.lines(30, LinuxReaders::nftablesSignature).withComment(LinuxReaders::nftShebang)),
    IPTABLES(LinuxReaders::iptables, Detection.lines(80, LinuxReaders::iptablesSignature)),
    DNSMASQ(LinuxReaders::dnsmasq, Detection.lines(90, LinuxReaders::dnsmasqSignature)),
    CISCO_ASA(AsaReader::read, Detection.lines(50, AsaReader::signature)),
    PALOALTO(PanosReader::read, Detection.lines(60, PanosReader::signature).withOpening(PanosReader::xml)),
    FORTIGATE(FortiReader::read, Detection.lines(40, FortiReader::signature)),
    JUNIPER_SRX(JunosReader::read, Detection.lines(70, JunosReader::signature)),
    CHECKPOINT(
            (text, sink) -> StructuredReaders.json(text, sink, true),
            Detection.opening(10, StructuredReaders::checkpoint)),
    PROXY_BYPASS(PlainReader::proxyBypass, Detection.shape(130, PlainReader::bypassList)),
    CSV(StructuredReaders::csv, Detection.shape(120, StructuredReaders::csvHeader)),
    JSON((text, sink) -> StructuredReaders.json(text, sink, false), Detection.opening(20, StructuredReaders::json));

    /** Reads a file's content (control lines already emptied) into the collector. */
    interface Reader {
        void read(String text, EntryCollector sink);
    }

    private final Reader reader;
    private final Detection detection;

    ConfigFormat(Reader reader, Detection detection) {
        this.reader = reader;
        this.detection = detection;
    }

    Reader reader() {
        return reader;
    }

    Detection detection() {
        return detection;
    }

    /** The target id ({@code cisco-asa}), or {@code text}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The format of a configuration, from its content: o365watch's header when it has one, else
     * each format's signatures (e.g. {@code function FindProxyForURL}, {@code table inet},
     * {@code object-group network}), else {@link #EDL} when every line is one entry, else
     * {@link #TEXT}. Looks at the first 256 KB only; never throws.
     */
    public static ConfigFormat detect(String content) {
        return content == null ? TEXT : Detector.detect(content);
    }

    /**
     * The target o365watch's header names ({@code # Target squid: ...}), whether or not it is a
     * format of this enum (a target of a templates directory): its id, or empty.
     */
    public static Optional<String> headerTarget(String content) {
        return content == null ? Optional.empty() : Optional.ofNullable(Detector.headerId(Detector.head(content)));
    }

    /**
     * The format with this id ({@code cisco-asa}, {@code text}; case and {@code _} for {@code -}
     * do not matter).
     *
     * @throws IllegalArgumentException naming the id and listing the known ones
     */
    public static ConfigFormat parse(String id) {
        String want = id == null ? "" : id.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ConfigFormat f : values()) {
            if (f.id().equals(want)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown input format '" + io.github.o365watch.text.Printable.of(id)
                + "'; known: " + Arrays.stream(values()).map(ConfigFormat::id).collect(Collectors.joining(", ")));
    }
}
