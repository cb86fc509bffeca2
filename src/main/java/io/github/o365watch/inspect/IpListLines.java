package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.util.Optional;

/**
 * One IP address per line: {@code 52.112.1.1}, {@code 52.112.1.1:3478}, {@code 2603:1063::1},
 * {@code [2603:1063::1]:443}. {@code #} starts a comment; comment-only lines are skipped. No
 * protocol or action: both UNKNOWN.
 */
final class IpListLines implements LineParser {

    static boolean isEntry(String line) {
        try {
            return entry(line, 0) != null;
        } catch (BadLine e) {
            return false;
        }
    }

    @Override
    public Flow parse(String line, long number) throws BadLine {
        Flow f = entry(line, number);
        return f == null ? FORMAT_LINE : f;
    }

    private static Flow entry(String line, long number) throws BadLine {
        int hash = line.indexOf('#');
        String s = (hash < 0 ? line : line.substring(0, hash)).strip();
        if (s.isEmpty()) {
            return null;
        }
        String host = s;
        String port = "";
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 < s.length() && (s.charAt(close + 1) != ':' || close + 2 == s.length())) {
                throw new BadLine("not [IPv6] or [IPv6]:port: '" + Printable.of(s) + "'");
            }
            host = s.substring(1, close);
            port = close + 1 < s.length() ? s.substring(close + 2) : "";
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            // one colon: IPv4 with a port (IPv6 has at least two)
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
            if (port.isEmpty()) {
                throw new BadLine("empty port: '" + Printable.of(s) + "'");
            }
        }
        String h = host;
        String address =
                Fields.address(host).orElseThrow(() -> new BadLine("not an IP address: '" + Printable.of(h) + "'"));
        Optional<Integer> p = Fields.port(port);
        return new Flow(address, false, Flow.Protocol.UNKNOWN, p, Flow.Action.UNKNOWN, "", number);
    }
}
