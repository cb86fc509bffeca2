package io.github.o365watch.inspect;

import io.github.o365watch.domain.net.IpAddress;
import io.github.o365watch.text.Printable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    // the same, for lines read as bytes
    private final Kept lastPrefixBytes = new Kept();
    private Flow.Action lastBytesAction = Flow.Action.UNKNOWN; // what an empty prefix says
    private final Kept lastSourceBytes = new Kept();
    private IpAddress lastClient;
    private final Kept lastTimeBytes = new Kept();
    private String lastTime = "";
    private int lastPortNumber;
    private Optional<Integer> lastPort = Optional.empty();
    private int timeEnd;

    /** Bytes kept from an earlier line, in a buffer of their own that is reused, not copied anew for each line. */
    private static final class Kept {
        private byte[] bytes = new byte[64];
        private int length;

        boolean same(byte[] b, int from, int to) {
            return Arrays.equals(b, from, to, bytes, 0, length);
        }

        void keep(byte[] b, int from, int to) {
            length = to - from;
            if (length > bytes.length) {
                bytes = new byte[Math.max(length, 2 * bytes.length)];
            }
            System.arraycopy(b, from, bytes, 0, length);
        }
    }

    /**
     * The same rules as {@link #parse(String, long)}, read from the bytes of an ASCII line: the
     * addresses parsed to numbers, the prefix's verdict and the client kept from the line before
     * when their bytes are the same, and the header read by hand in its common BSD form (the
     * pattern reads the others). A line with other characters is read as text.
     */
    @Override
    public Flow parse(Line line, long number) throws BadLine {
        if (!line.ascii()) {
            return parse(line.text(), number);
        }
        byte[] b = line.buf;
        int from = line.from;
        int to = line.to;
        scan(b, from, to);
        int dst = dstAt;
        if (dst < 0) {
            return null;
        }
        int in = inAt;
        int kernel = kernelAt;
        int src = srcAt;
        scanAfter(b, dst, to);
        int proto = protoAt;
        int dpt = dptAt;
        // a value ends at the first space after it (the bracket, if any, starts with one)
        int dstEnd = valueEnd(b, dst + 5, to);
        Optional<IpAddress> parsed = IpAddress.parseAscii(b, dst + 5, dstEnd);
        if (parsed.isEmpty()) {
            throw new BadLine("DST= is not an IP address: '" + Printable.of(ascii(b, dst + 5, dstEnd)) + "'");
        }
        IpAddress destination = parsed.get();
        Flow.Protocol protocol = Flow.Protocol.UNKNOWN;
        if (proto >= 0) {
            int v = proto + PROTO.length;
            int end = valueEnd(b, v, to);
            protocol = is(b, v, end, UDP)
                    ? Flow.Protocol.UDP
                    : is(b, v, end, TCP) ? Flow.Protocol.TCP : Fields.protocol(ascii(b, v, end));
        }
        Optional<Integer> port =
                dpt < 0 ? Optional.empty() : port(b, dpt + DPT.length, valueEnd(b, dpt + DPT.length, to));
        String time = "";
        int prefixFrom = 0;
        int header = bsdHeader(b, from, to);
        if (header >= 0) {
            time = time(b, from, timeEnd);
            prefixFrom = header - from;
        } else {
            Matcher m = HEADER.matcher(line);
            if (m.lookingAt()) {
                time = m.group(1);
                prefixFrom = m.end();
            }
        }
        int prefixTo = (in >= 0 ? in : src >= 0 ? src : dst) - from;
        if (kernel >= 0 && kernel - from < prefixTo) {
            prefixFrom = kernel - from + KERNEL.length;
        }
        Flow.Action action =
                prefixFrom < prefixTo ? cachedAction(b, from + prefixFrom, from + prefixTo) : Flow.Action.UNKNOWN;
        IpAddress client = src < 0 ? null : client(b, src + 5, valueEnd(b, src + 5, dst));
        return new Flow(destination, protocol, port, action, time, number, client);
    }

    private static final byte[] DST = bytes(" DST=");
    private static final byte[] SRC = bytes(" SRC=");
    private static final byte[] IN = bytes(" IN=");
    private static final byte[] PROTO = bytes(" PROTO=");
    private static final byte[] DPT = bytes(" DPT=");
    private static final byte[] KERNEL = bytes("kernel:");
    private static final byte[] UDP = bytes("UDP");
    private static final byte[] TCP = bytes("TCP");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    // where scan and scanAfter found the keys, -1 for none: small loops of their own, which the JIT
    // compiles at once, rather than loops inside parse, which it would compile while they run (OSR)
    private int dstAt;
    private int inAt;
    private int kernelAt;
    private int srcAt;
    private int protoAt;
    private int dptAt;

    /** One pass to DST=: the first IN= and kernel:, the last SRC= (what the text form finds with indexOf and lastIndexOf). */
    private void scan(byte[] b, int from, int to) {
        int dst = -1;
        int in = -1;
        int kernel = -1;
        int src = -1;
        // the byte after a space tells which key can start there: one comparison for most spaces
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == ' ') {
                byte n = i + 1 < to ? b[i + 1] : 0;
                if (n == 'D') {
                    if (at(b, i, to, DST)) {
                        dst = i;
                        break;
                    }
                } else if (n == 'S') {
                    if (at(b, i, to, SRC)) {
                        src = i;
                    }
                } else if (n == 'I' && in < 0 && at(b, i, to, IN)) {
                    in = i;
                }
            } else if (c == 'k' && kernel < 0 && at(b, i, to, KERNEL)) {
                kernel = i;
            }
        }
        dstAt = dst;
        inAt = in;
        kernelAt = kernel;
        srcAt = src;
    }

    /** From DST= to the first " [" (an ICMP error quotes the offending packet in brackets): the first PROTO= and DPT=. */
    private void scanAfter(byte[] b, int dst, int to) {
        int proto = -1;
        int dpt = -1;
        for (int i = dst + 5; i < to - 1; i++) { // every key is a space and more
            if (b[i] == ' ') {
                byte n = b[i + 1];
                if (n == '[') {
                    break;
                } else if (n == 'P') {
                    if (proto < 0 && at(b, i, to, PROTO)) {
                        proto = i;
                    }
                } else if (n == 'D' && dpt < 0 && at(b, i, to, DPT)) {
                    dpt = i;
                }
            }
        }
        protoAt = proto;
        dptAt = dpt;
    }

    /** True when {@code key} is at {@code i} and ends by {@code to}. */
    private static boolean at(byte[] b, int i, int to, byte[] key) {
        if (i + key.length > to) {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (b[i + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    /** Where a value starting at {@code from} ends: the first space after it, or {@code to}. */
    private static int valueEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == ' ') {
                return i;
            }
        }
        return to;
    }

    private static boolean is(byte[] b, int from, int to, byte[] word) {
        return Arrays.equals(b, from, to, word, 0, word.length);
    }

    /** As {@link Fields#port(String)}, digits read from the bytes; anything else as text, for the same answer. */
    private Optional<Integer> port(byte[] b, int from, int to) throws BadLine {
        if (to - from < 1 || to - from > 5) {
            return Fields.port(ascii(b, from, to));
        }
        int p = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return Fields.port(ascii(b, from, to));
            }
            p = p * 10 + (b[i] - '0');
        }
        if (p > 65535) {
            throw new BadLine("port out of range: " + p);
        }
        if (p == 0) {
            return Optional.empty();
        }
        if (p != lastPortNumber) { // most lines go to a few ports: the same one as the line before, often
            lastPortNumber = p;
            lastPort = Optional.of(p);
        }
        return lastPort;
    }

    /**
     * Where the header ends, as {@link #HEADER} matches it, when the line starts with a BSD time
     * ({@code Nov 25 10:00:01}, no priority or version before it); -1 for anything else, which
     * the pattern then reads.
     */
    private int bsdHeader(byte[] b, int from, int to) {
        int i = from;
        if (to - from < 16 || !upper(b[i]) || !lower(b[i + 1]) || !lower(b[i + 2]) || b[i + 3] != ' ') {
            return -1;
        }
        i += 4;
        if (b[i] == ' ') {
            i++;
        }
        int digits = 0;
        while (i < to && digit(b[i]) && digits < 3) {
            i++;
            digits++;
        }
        if (digits == 0 || digits > 2 || i + 9 > to || b[i] != ' ') {
            return -1;
        }
        i++;
        if (!digit(b[i])
                || !digit(b[i + 1])
                || b[i + 2] != ':'
                || !digit(b[i + 3])
                || !digit(b[i + 4])
                || b[i + 5] != ':'
                || !digit(b[i + 6])
                || !digit(b[i + 7])) {
            return -1;
        }
        i += 8;
        timeEnd = i;
        if (i >= to || !space(b[i])) {
            return -1;
        }
        while (i < to && space(b[i])) {
            i++;
        }
        // then a host name and the space after it, when there are both
        int word = i;
        while (word < to && !space(b[word])) {
            word++;
        }
        if (word > i && word < to) {
            i = word;
            while (i < to && space(b[i])) {
                i++;
            }
        }
        return i;
    }

    private static boolean upper(byte c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean lower(byte c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** {@code \s} of a pattern: space, tab, LF, VT, FF, CR. */
    private static boolean space(byte c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private String time(byte[] b, int from, int to) {
        if (!lastTimeBytes.same(b, from, to)) {
            lastTimeBytes.keep(b, from, to);
            lastTime = ascii(b, from, to);
        }
        return lastTime;
    }

    private Flow.Action cachedAction(byte[] b, int from, int to) {
        // what comes before the first letter holds no word (the kernel's "[812.3]" differs on every line): not part of
        // the key
        while (from < to && !upper(b[from]) && !lower(b[from])) {
            from++;
        }
        if (!lastPrefixBytes.same(b, from, to)) {
            lastPrefixBytes.keep(b, from, to);
            lastBytesAction = action(ascii(b, from, to));
        }
        return lastBytesAction;
    }

    /** The client's address, or null when the text is none (as {@link Fields#source(String)} gives empty). */
    private IpAddress client(byte[] b, int from, int to) {
        if (!lastSourceBytes.same(b, from, to)) {
            lastSourceBytes.keep(b, from, to);
            lastClient = IpAddress.parseAscii(b, from, to).orElse(null);
        }
        return lastClient;
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
