package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Squid's native access.log:
 * {@code 1700000000.123    120 10.0.0.5 TCP_DENIED/403 3924 CONNECT outlook.office365.com:443 - HIER_NONE/- text/html}
 * (time, elapsed ms, client, result code/status, bytes, method, URL, and more that is not read).
 *
 * <ul>
 * <li>time: the epoch seconds field as an ISO-8601 UTC instant ({@code 2023-11-14T22:13:20.123Z}).
 * <li>destination: the host of {@code CONNECT host:port}, or of an absolute URL
 * ({@code http://host:port/path}; the port defaults by scheme: http and ws 80, https and wss 443,
 * ftp 21), in lower case; an IP literal (IPv6 in brackets) is an address. Protocol TCP.
 * <li>action, in this order: a result code containing {@code DENIED} ({@code TCP_DENIED},
 * {@code TCP_DENIED_REPLY}) is DENIED, the proxy's policy; status 000 (no reply at all, as in
 * {@code NONE_NONE/000}), a 5xx status (Squid's own 502/503/504 for failed connects, DNS failures
 * and timeouts, or the server's) or a code containing {@code ABORTED} or {@code TIMEDOUT}
 * ({@code TCP_MISS_ABORTED}, {@code TCP_TUNNEL_ABORTED}: the transfer broke off) is FAILED;
 * everything else is ALLOWED: the proxy let it through, whatever the server answered (a
 * {@code TCP_MISS/403} is the server's refusal, not the proxy's).
 * </ul>
 * Entries without a destination ({@code error:invalid-request}, {@code -}, a bare path) are
 * skipped; fewer than seven fields, a bad time, code or port make the line malformed.
 */
final class SquidLines implements LineParser {
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern TIME = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");

    @Override
    public String otherReason() {
        return "the entry names no destination";
    }

    @Override
    public Flow parse(String line, long number) throws BadLine {
        String[] f = BLANKS.split(line.strip(), 8);
        if (f.length < 7) {
            throw new BadLine("a Squid access.log line has at least 7 fields, this has " + f.length);
        }
        String time = time(f[0]);
        int slash = f[3].indexOf('/');
        String code = slash < 0 ? f[3] : f[3].substring(0, slash);
        String status = slash < 0 ? "" : f[3].substring(slash + 1);
        if (code.isEmpty() || status.length() != 3 || !status.chars().allMatch(Character::isDigit)) {
            throw new BadLine("result is not CODE/status: '" + Printable.of(f[3]) + "'");
        }
        Target target = target(f[5], f[6]);
        if (target == null) {
            return null;
        }
        return new Flow(
                target.destination(),
                target.hostname(),
                Flow.Protocol.TCP,
                target.port(),
                action(code, Integer.parseInt(status)),
                time,
                number);
    }

    static Flow.Action action(String code, int status) {
        String c = code.toUpperCase(Locale.ROOT);
        if (c.contains("DENIED")) {
            return Flow.Action.DENIED;
        }
        if (status == 0 || status >= 500 || c.contains("ABORTED") || c.contains("TIMEDOUT")) {
            return Flow.Action.FAILED;
        }
        return Flow.Action.ALLOWED;
    }

    private static String time(String field) throws BadLine {
        if (!TIME.matcher(field).matches()) {
            throw new BadLine("time is not epoch seconds: '" + Printable.of(field) + "'");
        }
        int dot = field.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? field : field.substring(0, dot));
        String fraction = dot < 0 ? "" : field.substring(dot + 1);
        long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
        return Instant.ofEpochSecond(seconds, nanos).toString();
    }

    private record Target(String destination, boolean hostname, Optional<Integer> port) {}

    /** Where the request went, or null when the entry names no destination. */
    private static Target target(String method, String url) throws BadLine {
        if (method.equals("CONNECT")) {
            return authority(url, Optional.empty());
        }
        int scheme = url.indexOf("://");
        if (scheme <= 0) {
            if (url.equals("-") || url.startsWith("/") || url.startsWith("error:")) {
                return null;
            }
            throw new BadLine("URL has no host: '" + Printable.of(url) + "'");
        }
        Optional<Integer> port = switch (url.substring(0, scheme).toLowerCase(Locale.ROOT)) {
            case "http", "ws" -> Optional.of(80);
            case "https", "wss" -> Optional.of(443);
            case "ftp" -> Optional.of(21);
            default -> Optional.empty();
        };
        String rest = url.substring(scheme + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String authority = rest.substring(0, end);
        return authority(authority.substring(authority.lastIndexOf('@') + 1), port);
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
    private static Target authority(String text, Optional<Integer> defaultPort) throws BadLine {
        String host = text;
        String port = "";
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 < text.length() && text.charAt(close + 1) != ':') {
                throw new BadLine("bad bracketed address: '" + Printable.of(text) + "'");
            }
            host = text.substring(1, close);
            port = close + 1 < text.length() ? text.substring(close + 2) : "";
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') >= 0) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        Optional<Integer> p = port.isEmpty() ? defaultPort : Fields.port(port);
        Optional<String> address = Fields.address(host);
        if (address.isPresent()) {
            return new Target(address.get(), false, p);
        }
        if (text.startsWith("[")) {
            throw new BadLine("not an IPv6 address in brackets: '" + Printable.of(text) + "'");
        }
        String h = host;
        String name = Fields.hostname(host)
                .orElseThrow(() -> new BadLine("not a host name or IP address: '" + Printable.of(h) + "'"));
        return new Target(name, true, p);
    }
}
