package io.github.o365watch.inspect;

import io.github.o365watch.domain.net.IpAddress;
import io.github.o365watch.text.Printable;
import java.util.Locale;
import java.util.Optional;

/** Field values every format shares: addresses, host names, ports, protocols. */
final class Fields {
    private Fields() {}

    /** The canonical form of an IP address, so one address reads the same from every log. */
    static Optional<String> address(String text) {
        return IpAddress.parse(text).map(IpAddress::toString);
    }

    /** The client's address in canonical form, or empty when the text is none: a client the log cannot name never spoils the flow. */
    static String source(String text) {
        return text == null
                ? ""
                : IpAddress.parse(text).map(IpAddress::toString).orElse("");
    }

    /** A host name in lower case without a trailing dot: labels of letters, digits, hyphens and underscores. */
    static Optional<String> hostname(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 253) {
            return Optional.empty();
        }
        int label = 0;
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return Optional.empty();
                }
                label = 0;
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                letter |= c >= 'a' && c <= 'z';
                if (++label > 63) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        // all digits and dots would be a mistyped address, not a name
        return label > 0 && letter ? Optional.of(s) : Optional.empty();
    }

    /** A port number; 0 means the log has none (ICMP rows of firewall exports). */
    static Optional<Integer> port(String text) throws BadLine {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadLine("port is not a number: '" + Printable.of(text) + "'");
        }
        int p = Integer.parseInt(text);
        if (p > 65535) {
            throw new BadLine("port out of range: " + p);
        }
        return p == 0 ? Optional.empty() : Optional.of(p);
    }

    /** By name or IANA number; ICMPv6 counts as ICMP. Empty is UNKNOWN, anything else OTHER. */
    static Flow.Protocol protocol(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "" -> Flow.Protocol.UNKNOWN;
            case "tcp", "6" -> Flow.Protocol.TCP;
            case "udp", "17" -> Flow.Protocol.UDP;
            case "icmp", "1", "icmpv6", "icmp6", "ipv6-icmp", "58" -> Flow.Protocol.ICMP;
            default -> Flow.Protocol.OTHER;
        };
    }
}
