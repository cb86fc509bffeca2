package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cisco ASA and FTD syslog messages ({@code %ASA-4-106023: ...}, also {@code %FTD-}, {@code %PIX-}
 * and {@code %FWSM-}), as Cisco's syslog message guide words them, plain or behind a syslog header,
 * the device's own timestamp ({@code Dec 04 2026 10:00:01}) or a device id:
 *
 * <ul>
 * <li>DENIED: 106001 ({@code Inbound TCP connection denied from A/P to B/P flags ... on interface I}),
 * 106006 and 106007 ({@code Deny inbound UDP from A/P to B/P ...}), 106014
 * ({@code Deny inbound icmp src I:A dst I:B (type T, code C)}), 106015
 * ({@code Deny TCP (no connection) from A/P to B/P flags ...}), 106023
 * ({@code Deny PROTO src I:A/P dst I:B/P ... by access-group "ACL" ...}) and 106100 with
 * {@code denied} ({@code access-list ACL denied PROTO I/A(P) -> I/B(P) hit-cnt N ...}); 106100 with
 * {@code permitted} or {@code est-allowed} is ALLOWED.
 * <li>ALLOWED: 302013 and 302015 ({@code Built inbound|outbound TCP|UDP connection ID for I:A/P (M/P)
 * to I:B/P (M/P)}). For an outbound connection the {@code for} side is the destination, for an
 * inbound one the {@code to} side.
 * <li>302014 and 302016 (Teardown) name no direction and close a connection whose Built message
 * was already read: they are the format's own lines, not flows; so are all other ASA messages.
 * </ul>
 * A line without an ASA message id is of another kind; a deny or Built message whose destination
 * cannot be read is malformed. Addresses may be IPv6; interface names are not kept. The client is the
 * message's source address (for a Built message, the side that is not the destination).
 */
final class AsaLines implements LineParser {
    private static final Pattern MESSAGE = Pattern.compile("%(?:ASA|FTD|PIX|FWSM)-\\d-(\\d{6}):");
    private static final Pattern TIME = Pattern.compile("(?:<\\d{1,3}>)?(?:1 )?("
            + "[A-Z][a-z]{2} {1,2}\\d{1,2}(?: \\d{4})? \\d{2}:\\d{2}:\\d{2}"
            + "|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)");

    /** True when the line holds an ASA/FTD message id: the positive evidence detection needs. */
    static boolean isMessage(String line) {
        return line.indexOf('%') >= 0 && MESSAGE.matcher(line).find();
    }

    @Override
    public String otherReason() {
        return "no %ASA-/%FTD- message id, not a Cisco ASA/FTD syslog message";
    }

    @Override
    public Flow parse(String line, long number) throws BadLine {
        if (line.indexOf('%') < 0) {
            return null;
        }
        Matcher m = MESSAGE.matcher(line);
        if (!m.find()) {
            return null;
        }
        String id = m.group(1);
        String body = line.substring(m.end()).strip();
        String time = time(line, m.start());
        return switch (id) {
            case "106001", "106006", "106007", "106015" -> fromTo(body, id, time, number);
            case "106014" -> icmp(body, time, number);
            case "106023" -> deny(body, time, number);
            case "106100" -> accessList(body, time, number);
            case "302013", "302015" -> built(body, time, number);
            default -> FORMAT_LINE; // Teardown and the ASA's other messages log no new flow
        };
    }

    /** {@code ... from A/P to B/P ...}: no interface names, the protocol named before {@code from}. */
    private static Flow fromTo(String body, String id, String time, long number) throws BadLine {
        int from = body.indexOf(" from ");
        int to = from < 0 ? -1 : body.indexOf(" to ", from + 6);
        if (to < 0) {
            throw new BadLine(id + " without 'from ... to ...'");
        }
        // 106001 and 106015 are TCP by definition; 106006 and 106007 name it: "Deny inbound UDP from"
        int inbound = body.indexOf("inbound ");
        Flow.Protocol protocol = (id.equals("106006") || id.equals("106007")) && inbound >= 0
                ? Fields.protocol(word(body, inbound + 8))
                : Flow.Protocol.TCP;
        String dst = word(body, to + 4);
        int slash = dst.lastIndexOf('/');
        return flow(
                slash < 0 ? dst : dst.substring(0, slash),
                protocol,
                slash < 0 ? "" : dst.substring(slash + 1),
                Flow.Action.DENIED,
                time,
                number,
                host(word(body, from + 6)));
    }

    /** {@code Deny inbound icmp src I:A dst I:B (type T, code C)}. */
    private static Flow icmp(String body, String time, long number) throws BadLine {
        int dst = body.indexOf(" dst ");
        if (dst < 0) {
            throw new BadLine("106014 without 'dst'");
        }
        int src = body.indexOf("src ");
        String source = src < 0 || src > dst ? "" : hostAfter(lastWord(body.substring(0, dst), src + 4), ':');
        return flow(
                afterInterface(lastWord(body, dst + 5), ':'),
                Flow.Protocol.ICMP,
                "",
                Flow.Action.DENIED,
                time,
                number,
                source);
    }

    /** {@code Deny PROTO src I:A/P dst I:B/P [(user)] [type T, code C] by access-group "ACL" [hashes]}. */
    private static Flow deny(String body, String time, long number) throws BadLine {
        if (!body.startsWith("Deny ")) {
            throw new BadLine("106023 that does not start with 'Deny'");
        }
        Flow.Protocol protocol = Fields.protocol(word(body, 5));
        int dst = body.indexOf(" dst ");
        if (dst < 0) {
            throw new BadLine("106023 without 'dst'");
        }
        String endpoint = afterInterface(lastWord(body, dst + 5), ':');
        int slash = endpoint.lastIndexOf('/');
        String port = slash < 0 || protocol == Flow.Protocol.ICMP ? "" : endpoint.substring(slash + 1);
        int src = body.indexOf(" src ");
        String source = src < 0 || src > dst ? "" : hostAfter(lastWord(body.substring(0, dst), src + 5), ':');
        return flow(
                slash < 0 ? endpoint : endpoint.substring(0, slash),
                protocol,
                port,
                Flow.Action.DENIED,
                time,
                number,
                source);
    }

    /** {@code access-list ACL {permitted|denied|est-allowed} PROTO I/A(P) -> I/B(P) hit-cnt N ...}. */
    private static Flow accessList(String body, String time, long number) throws BadLine {
        if (!body.startsWith("access-list ")) {
            throw new BadLine("106100 that does not start with 'access-list'");
        }
        int verdict = body.indexOf(' ', 12) + 1;
        String word = word(body, verdict);
        Flow.Action action = switch (word) {
            case "denied" -> Flow.Action.DENIED;
            case "permitted", "est-allowed" -> Flow.Action.ALLOWED;
            default ->
                throw new BadLine(
                        "106100 verdict is not permitted, denied or est-allowed: '" + Printable.of(word) + "'");
        };
        Flow.Protocol protocol = Fields.protocol(word(body, verdict + word.length() + 1));
        int arrow = body.indexOf("->");
        if (arrow < 0) {
            throw new BadLine("106100 without '->'");
        }
        int from = arrow + 2;
        while (from < body.length() && body.charAt(from) == ' ') {
            from++;
        }
        String endpoint = afterInterface(word(body, from), '/');
        int open = endpoint.indexOf('(');
        String port = "";
        if (open >= 0) {
            int close = endpoint.indexOf(')', open);
            port = endpoint.substring(open + 1, close < 0 ? endpoint.length() : close);
            endpoint = endpoint.substring(0, open);
        }
        String before = body.substring(0, arrow).stripTrailing();
        String source = hostAfter(before.substring(before.lastIndexOf(' ') + 1), '/');
        // for ICMP the "port" is the ICMP type
        return flow(endpoint, protocol, protocol == Flow.Protocol.ICMP ? "" : port, action, time, number, source);
    }

    /** {@code Built {inbound|outbound} {TCP|UDP} connection ID for I:A/P (M/P) [(user)] to I:B/P (M/P) [(user)]}. */
    private static Flow built(String body, String time, long number) throws BadLine {
        boolean outbound = body.startsWith("Built outbound ");
        if (!outbound && !body.startsWith("Built inbound ")) {
            throw new BadLine("Built message that is neither inbound nor outbound");
        }
        Flow.Protocol protocol = Fields.protocol(word(body, outbound ? 15 : 14));
        int forAt = body.indexOf(" for ");
        int toAt = forAt < 0 ? -1 : body.indexOf(" to ", forAt);
        if (toAt < 0) {
            throw new BadLine("Built message without 'for ... to ...'");
        }
        String side = outbound ? body.substring(forAt + 5, toAt) : body.substring(toAt + 4);
        String other = outbound ? body.substring(toAt + 4) : body.substring(forAt + 5, toAt);
        String endpoint = afterInterface(lastWord(side, 0), ':');
        int slash = endpoint.lastIndexOf('/');
        return flow(
                slash < 0 ? endpoint : endpoint.substring(0, slash),
                protocol,
                slash < 0 ? "" : endpoint.substring(slash + 1),
                Flow.Action.ALLOWED,
                time,
                number,
                hostAfter(lastWord(other, 0), ':'));
    }

    private static Flow flow(
            String address,
            Flow.Protocol protocol,
            String port,
            Flow.Action action,
            String time,
            long number,
            String source)
            throws BadLine {
        String a = Fields.address(address)
                .orElseThrow(() -> new BadLine("destination is not an IP address: '" + Printable.of(address) + "'"));
        Optional<Integer> p = Fields.port(port);
        return new Flow(a, false, protocol, p, action, time, number, Fields.source(source));
    }

    /** The address of {@code A/P}, {@code A(P)} or {@code A}. */
    private static String host(String endpoint) {
        int cut = endpoint.indexOf('(');
        String s = cut < 0 ? endpoint : endpoint.substring(0, cut);
        int slash = s.lastIndexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }

    /** The address of the endpoint after an interface name, or empty when it cannot be read. */
    private static String hostAfter(String endpoint, char separator) {
        int at = endpoint.indexOf(separator);
        return at < 0 ? "" : host(endpoint.substring(at + 1));
    }

    /** {@code inside:10.0.0.1/53} without {@code inside:}; the interface name never holds the separator. */
    private static String afterInterface(String endpoint, char separator) throws BadLine {
        int at = endpoint.indexOf(separator);
        if (at < 0) {
            throw new BadLine("no interface name before the address: '" + Printable.of(endpoint) + "'");
        }
        return endpoint.substring(at + 1);
    }

    /** The word at {@code from}, up to the next space. */
    private static String word(String s, int from) {
        int end = s.indexOf(' ', from);
        return s.substring(Math.min(from, s.length()), end < 0 ? s.length() : end);
    }

    /**
     * The word at {@code from} in a text where the interface name before it may hold spaces
     * ({@code NP Identity Ifc:10.1.1.1/22}): the last word before the next {@code (} or the end.
     */
    private static String lastWord(String s, int from) {
        int end = s.indexOf(" (", from);
        String part = s.substring(from, end < 0 ? s.length() : end);
        int space = part.indexOf(' ');
        // "outside:1.2.3.4/5 by access-group ..." : the endpoint is the first word with an interface separator
        if (space >= 0 && part.substring(0, space).indexOf(':') >= 0) {
            return part.substring(0, space);
        }
        int last = part.lastIndexOf(' ');
        return last < 0 ? part : part.substring(last + 1);
    }

    /** The syslog or ASA timestamp the line starts with, as written; empty when it has none. */
    private static String time(String line, int messageAt) {
        Matcher t = TIME.matcher(line);
        t.region(0, messageAt);
        return t.lookingAt() ? t.group(1) : "";
    }
}
