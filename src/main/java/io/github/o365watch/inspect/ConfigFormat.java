package io.github.o365watch.inspect;

import java.util.Locale;

/** The formats of a deployed configuration o365watch can read: every target it writes, and plain text. */
public enum ConfigFormat {
    TEXT, EDL, PAC, SQUID, NFTABLES, IPTABLES, DNSMASQ, CISCO_ASA, PALOALTO, FORTIGATE, JUNIPER_SRX, CHECKPOINT, PROXY_BYPASS, CSV, JSON;

    /** The target id ({@code cisco-asa}), or {@code text}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
