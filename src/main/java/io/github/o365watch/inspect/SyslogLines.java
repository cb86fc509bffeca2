package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kernel packet log lines of iptables ({@code LOG}) and nftables ({@code log}), as syslog or
 * journald write them:
 * {@code Nov 25 10:00:01 gw kernel: [812.3] DROP-OUT: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1.1 ... PROTO=UDP SPT=50000 DPT=3478}.
 *
 * <ul>
 * <li>time: the syslog timestamp the line starts with, as written: BSD ({@code Nov 25 10:00:01}),
 * RFC 3339 ({@code 2026-11-25T10:00:01.123456+00:00}) or journald short-iso
 * ({@code 2026-11-25T10:00:01+0100}), after an optional {@code <PRI>} and RFC 5424 version;
 * empty when there is none.
 * <li>action: the words of the log prefix (the text after {@code kernel:}, or after the syslog
 * header, up to {@code IN=}): drop, deny, reject, block (and their past forms) give DENIED;
 * accept, allow, pass, permit give ALLOWED; anything else UNKNOWN. Denial words win.
 * <li>destination, protocol and port: the first {@code DST=}, {@code PROTO=} and {@code DPT=}; the client: the {@code SRC=} before it;
 * the packet an ICMP error quotes (in brackets) is not read.
 * </ul>
 * Lines without {@code DST=} (other programs, other kernel messages) are skipped; a {@code DST=}
 * that is not an address, or a {@code DPT=} that is not a port, makes the line malformed.
 */
final class SyslogLines implements LineParser {
    private static final Pattern HEADER = Pattern.compile("(?:<\\d{1,3}>)?(?:1 )?("
            + "[A-Z][a-z]{2} {1,2}\\d{1,2} \\d{2}:\\d{2}:\\d{2}"
            + "|\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?"
            + ")\\s+(?:\\S+\\s+)?");
    private static final Pattern NON_LETTERS = Pattern.compile("[^a-z]+");
    private static final Set<String> DENY =
            Set.of("drop", "dropped", "deny", "denied", "reject", "rejected", "block", "blocked");
    private static final Set<String> ALLOW =
            Set.of("accept", "accepted", "allow", "allowed", "pass", "passed", "permit", "permitted");

    // a firewall logs with a handful of prefixes: the last one's verdict is usually the next one's
    private String lastPrefix;
    private Flow.Action lastAction;
    private String lastSourceText;
    private String lastSource;

    /** True when the line starts like a syslog or journald line. */
    static boolean hasHeader(String line) {
        return HEADER.matcher(line).lookingAt();
    }

    @Override
    public String otherReason() {
        return "no DST= field, not an iptables/nftables packet log line";
    }

    @Override
    public Flow parse(String line, long number) throws BadLine {
        int dst = line.indexOf(" DST=");
        if (dst < 0) {
            return null;
        }
        // an ICMP error quotes the offending packet in brackets, with its own DST= and DPT=
        int limit = line.indexOf(" [", dst);
        if (limit < 0) {
            limit = line.length();
        }
        String dstText = value(line, dst + 5, limit);
        String destination = Fields.address(dstText)
                .orElseThrow(() -> new BadLine("DST= is not an IP address: '" + Printable.of(dstText) + "'"));
        Flow.Protocol protocol =
                field(line, " PROTO=", dst, limit).map(Fields::protocol).orElse(Flow.Protocol.UNKNOWN);
        Optional<String> dpt = field(line, " DPT=", dst, limit);
        Optional<Integer> port = dpt.isPresent() ? Fields.port(dpt.get()) : Optional.empty();
        Matcher header = HEADER.matcher(line);
        String time = "";
        int prefixFrom = 0;
        if (header.lookingAt()) {
            time = header.group(1);
            prefixFrom = header.end();
        }
        int in = line.indexOf(" IN=");
        int prefixTo = in >= 0 && in < dst ? in : line.lastIndexOf(" SRC=", dst);
        if (prefixTo < 0) {
            prefixTo = dst;
        }
        int kernel = line.indexOf("kernel:");
        if (kernel >= 0 && kernel < prefixTo) {
            prefixFrom = kernel + "kernel:".length();
        }
        Flow.Action action =
                prefixFrom < prefixTo ? cachedAction(line.substring(prefixFrom, prefixTo)) : Flow.Action.UNKNOWN;
        int src = line.lastIndexOf(" SRC=", dst);
        String source = src < 0 ? "" : source(value(line, src + 5, dst));
        return new Flow(destination, false, protocol, port, action, time, number, source);
    }

    /** A log holds few clients, mostly in runs: the last one's canonical form is usually the next one's. */
    private String source(String text) {
        if (!text.equals(lastSourceText)) {
            lastSource = Fields.source(text);
            lastSourceText = text;
        }
        return lastSource;
    }

    private Flow.Action cachedAction(String prefix) {
        if (!prefix.equals(lastPrefix)) {
            lastAction = action(prefix);
            lastPrefix = prefix;
        }
        return lastAction;
    }

    static Flow.Action action(String prefix) {
        boolean allow = false;
        for (String word : NON_LETTERS.split(prefix.toLowerCase(Locale.ROOT))) {
            if (DENY.contains(word)) {
                return Flow.Action.DENIED;
            }
            allow |= ALLOW.contains(word);
        }
        return allow ? Flow.Action.ALLOWED : Flow.Action.UNKNOWN;
    }

    /** The value of {@code key} (which starts with a space) between {@code from} and {@code limit}. */
    private static Optional<String> field(String line, String key, int from, int limit) {
        int at = line.indexOf(key, from);
        return at < 0 || at >= limit ? Optional.empty() : Optional.of(value(line, at + key.length(), limit));
    }

    private static String value(String line, int from, int limit) {
        int end = line.indexOf(' ', from);
        return line.substring(from, end < 0 || end > limit ? limit : end);
    }
}
