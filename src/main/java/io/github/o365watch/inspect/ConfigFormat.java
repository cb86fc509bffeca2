package io.github.o365watch.inspect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats of a deployed configuration o365watch can read: every target it writes, and plain text. */
public enum ConfigFormat {
    TEXT,
    EDL,
    PAC,
    SQUID,
    NFTABLES,
    IPTABLES,
    DNSMASQ,
    CISCO_ASA,
    PALOALTO,
    FORTIGATE,
    JUNIPER_SRX,
    CHECKPOINT,
    PROXY_BYPASS,
    CSV,
    JSON;

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
