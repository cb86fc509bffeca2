package io.github.o365watch.inspect;

import java.util.Objects;

/**
 * Reads what a deployed configuration lists: its address entries (prefixes, addresses, ranges,
 * address and netmask) and host patterns, each with its text and 1-based line, and what could
 * not be read. Comments, descriptions, object names and o365watch's "not expressed" lists are
 * never read as entries. Never throws on bad input: what it cannot read is a
 * {@link Listed.Problem}. Linear in the size of the content.
 */
public final class ConfigReader {
    private ConfigReader() {}

    public static Listed read(String content, ConfigFormat format) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(format, "format");
        String text = content.startsWith("\ufeff") ? content.substring(1) : content;
        Sink sink = new Sink(format);
        switch (format) {
            case TEXT -> PlainReader.text(text, sink);
            case EDL -> PlainReader.edl(text, sink);
            case PROXY_BYPASS -> PlainReader.proxyBypass(text, sink);
            case PAC -> PacReader.read(text, sink);
            case SQUID -> SquidReader.read(text, sink);
            case NFTABLES -> LinuxReaders.nftables(text, sink);
            case IPTABLES -> LinuxReaders.iptables(text, sink);
            case DNSMASQ -> LinuxReaders.dnsmasq(text, sink);
            case CISCO_ASA -> AsaReader.read(text, sink);
            case PALOALTO -> PanosReader.read(text, sink);
            case FORTIGATE -> FortiReader.read(text, sink);
            case JUNIPER_SRX -> JunosReader.read(text, sink);
            case CHECKPOINT -> StructuredReaders.json(text, sink, true);
            case JSON -> StructuredReaders.json(text, sink, false);
            case CSV -> StructuredReaders.csv(text, sink);
        }
        return sink.listed();
    }
}
