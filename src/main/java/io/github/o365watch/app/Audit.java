package io.github.o365watch.app;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpAddress;
import io.github.o365watch.domain.net.PrefixIndex;
import io.github.o365watch.inspect.Columns;
import io.github.o365watch.inspect.CqdReader;
import io.github.o365watch.inspect.CqdRow;
import io.github.o365watch.inspect.Flow;
import io.github.o365watch.inspect.Listed;
import io.github.o365watch.inspect.LogFormat;
import io.github.o365watch.inspect.LogReader;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.text.Printable;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;
import java.util.zip.GZIPInputStream;

/**
 * Finds Microsoft 365 traffic a firewall or proxy denied or that failed: streams the logs, matches
 * each destination against a stored version (address containment or hostname pattern, then
 * protocol and port), and groups the flows by endpoint set, prefix or pattern, protocol and port.
 * Memory grows with the number of groups, never with the number of lines.
 *
 * <p>A log that yields no flow, or whose lines are mostly malformed or of another kind, could not
 * be read: its findings would be silence, not evidence. The result says so per log
 * ({@link FileStats#failure()}); it never passes for a log without gaps.
 */
public final class Audit {
    private static final long PROGRESS_EVERY = 100_000;
    /** A log file this long or longer is read in two parts at once, when there are two processors. */
    private static final long PARTS_FROM = 4 << 20;

    private final Workspace ws;
    private final LongUnaryOperator split;

    public Audit(Workspace ws) {
        this(ws, Audit::half);
    }

    /**
     * @param split for a log file of the given size in bytes that could be read in two parts: where to cut it (the
     *              cut moves on to the next line's start), or a negative number to read it whole
     */
    Audit(Workspace ws, LongUnaryOperator split) {
        this.ws = ws;
        this.split = split;
    }

    private static long half(long size) {
        return size >= PARTS_FROM && Runtime.getRuntime().availableProcessors() > 1 ? size / 2 : -1;
    }

    /**
     * @param logs     files ({@code .gz} is read compressed), or {@code -} for standard input
     * @param format   the logs' format, or empty to recognise each file's from its first line
     * @param progress told the number of lines read so far, every {@value #PROGRESS_EVERY} lines
     */
    public record Request(
            StoredVersion version,
            List<String> logs,
            Optional<LogFormat> format,
            Optional<Columns> columns,
            InputStream stdin,
            LongConsumer progress) {}

    /**
     * What one log held.
     *
     * @param other       of the skipped lines, those of another kind (not blank, not the format's comments or headers)
     * @param firstUnread the first line that was malformed or of another kind
     */
    public record FileStats(
            String file,
            LogFormat format,
            long lines,
            long flows,
            long skipped,
            long other,
            long malformed,
            List<Listed.Problem> problems,
            Optional<Listed.Problem> firstUnread) {

        /** What {@code reader} counted in {@code log} so far. */
        static FileStats of(String log, LogFormat format, LogReader reader) {
            return new FileStats(
                    log,
                    format,
                    reader.lines(),
                    reader.flows(),
                    reader.skipped(),
                    reader.other(),
                    reader.malformed(),
                    reader.problems(),
                    reader.firstUnread());
        }

        /** Lines that are neither flows nor blank, comments or headers: what the reader could not use. */
        public long unread() {
            return other + malformed;
        }

        /**
         * Read well enough to speak for the log: at least one flow, and no more lines malformed or of
         * another kind than flows (blank lines, comments and headers aside), so that most of what the
         * log holds was read.
         */
        public boolean readable() {
            return flows > 0 && unread() <= flows;
        }

        /** One line saying why the log counts as not read, with the format tried and the first line not read; empty when it was read. */
        public Optional<String> failure() {
            if (readable()) {
                return Optional.empty();
            }
            String name = Printable.line(file, 200);
            String first = firstUnread
                    .map(p -> "; the first, line " + p.line() + ": " + p.reason() + ": '"
                            + Printable.line(p.text(), 160) + "'")
                    .orElse("");
            if (lines == 0) {
                return Optional.of(name + ": not read as " + format.id() + ": the log is empty");
            }
            if (flows == 0) {
                return Optional.of(name + ": not read as " + format.id() + ": no flow in " + count(lines, "line")
                        + (unread() == 0
                                ? " (only blank lines, comments and headers)"
                                : " (" + other + " of another kind, " + malformed + " malformed)")
                        + first);
            }
            return Optional.of(
                    name + ": mostly not read as " + format.id() + ": " + unread() + " of the " + (flows + unread())
                            + " lines that are not blank, comments or headers are malformed or of another kind ("
                            + count(flows, "flow") + ")" + first);
        }

        private static String count(long n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }
    }

    /**
     * Flows alike: what the device did, protocol, the ports the endpoint set lists that the port
     * falls in (or the port itself when no set lists it), the prefix or pattern matched, and the
     * sets.
     */
    public record Group(
            Flow.Action action,
            Flow.Protocol protocol,
            String ports,
            String destination,
            List<Integer> setIds,
            String serviceArea,
            Category category,
            long count,
            String first,
            String last,
            String listedPorts) {}

    /**
     * Teams media falling back to TCP, one media prefix: clients whose UDP to it (3478-3481, or a
     * UDP port a Teams set lists) was denied or failed while their TCP 443 to it was allowed. Teams
     * then carries the call over TCP, with poor quality.
     *
     * @param clients    the clients seen both ways, in address order
     * @param udpBlocked their UDP flows denied or failed
     * @param tcpAllowed their TCP 443 flows allowed
     */
    public record Fallback(
            String prefix,
            List<Integer> setIds,
            String serviceArea,
            Category category,
            List<String> clients,
            long udpBlocked,
            long tcpAllowed) {}

    /**
     * What a Teams CQD export shows through one media relay, for the endpoints of one building and
     * subnet: streams whose media path could not be set up (with CQD's reason), or streams carried
     * over TCP although the relay's endpoint set lists UDP 3478-3481.
     *
     * @param prefix   the prefix of the stored version the relay is in; empty (and no sets) when none lists it
     * @param udpPorts the UDP port range the relay's set lists for media; empty when none does
     * @param reason   CQD's call setup failure reason; empty for TCP streams
     * @param streams  the streams that failed, or went over TCP
     */
    public record RelayFinding(
            String building,
            String subnet,
            String relay,
            String prefix,
            List<Integer> setIds,
            String serviceArea,
            String category,
            String udpPorts,
            String reason,
            long streams) {}

    /**
     * @param relayFailures CQD streams that failed to set up, by building, subnet, relay and reason
     * @param relayTcp      CQD streams over TCP to relays whose set lists UDP, by building, subnet and relay
     * @param fallbacks Teams media falling back to TCP, by prefix (logs that name the client only)
     * @param gaps      denied, failed or logged flows on a port and protocol the matched sets list: the rule gaps
     * @param offPort   flows to Microsoft's addresses on ports no matching set lists
     * @param allowed   flows to Microsoft the logs show allowed
     * @param elsewhere flows to other destinations, by action
     */
    public record Result(
            Instance instance,
            Version version,
            List<FileStats> files,
            List<Group> gaps,
            List<Group> offPort,
            long allowed,
            Map<Flow.Action, Long> elsewhere,
            List<Fallback> fallbacks,
            List<RelayFinding> relayFailures,
            List<RelayFinding> relayTcp) {

        /** The logs that could not be read (see {@link FileStats#readable()}). */
        public List<FileStats> unreadable() {
            return files.stream().filter(f -> !f.readable()).toList();
        }

        /** True when every log was read: only then do the findings speak for all of them. */
        public boolean complete() {
            return files.stream().allMatch(FileStats::readable);
        }

        /** Flows read from all logs. */
        public long flows() {
            return files.stream().mapToLong(FileStats::flows).sum();
        }
    }

    public Result run(Request r) {
        Snapshot snapshot = ws.store().load(r.version());
        Matcher matcher = new Matcher(snapshot);
        Tally all = new Tally();
        Relays relays = new Relays(matcher);
        Progress progress = new Progress(r.progress());
        List<FileStats> stats = new ArrayList<>();
        for (String log : r.logs()) {
            try (Input in = open(log, r.stdin())) {
                LogFormat format = r.format().orElseGet(() -> detect(in, log));
                if (format == LogFormat.CQD) {
                    stats.add(relays.read(in, log));
                    continue;
                }
                long cut = in.utf8() && format.partsReadApart() ? cut(log, in.start()) : -1;
                if (cut >= 0) {
                    stats.add(readInParts(log, in.start(), cut, format, matcher, all, progress));
                    continue;
                }
                try (LogReader reader = in.utf8()
                        ? new LogReader(in.bytes(), format, r.columns())
                        : new LogReader(in.text(), format, r.columns())) {
                    all.read(reader, matcher, progress);
                    stats.add(FileStats.of(log, format, reader));
                }
            } catch (IOException e) {
                throw new UsageException("cannot read " + log + ": " + Printable.reason(e));
            } catch (io.github.o365watch.inspect.LogFormatException e) {
                throw new UsageException(log + ": " + e.getMessage());
            }
        }
        List<Group> gaps = new ArrayList<>();
        List<Group> offPort = new ArrayList<>();
        // off port: the ports the destination's sets do list, the answer to "why is this port not in the list?"
        all.groups.forEach((k, c) -> (k.listed() ? gaps : offPort)
                .add(new Group(
                        k.action(),
                        k.protocol(),
                        k.ports(),
                        k.destination(),
                        k.setIds(),
                        k.serviceArea(),
                        k.category(),
                        c.count,
                        c.first,
                        c.last,
                        k.listed() ? "" : listedPorts(snapshot, k.setIds()))));
        Comparator<Group> order = Comparator.comparingLong(Group::count)
                .reversed()
                .thenComparing(Group::destination)
                .thenComparing(g -> g.protocol().name())
                .thenComparing(Group::ports)
                .thenComparing(g -> g.action().name());
        gaps.sort(order);
        offPort.sort(order);
        return new Result(
                r.version().instance(),
                r.version().version(),
                stats,
                gaps,
                offPort,
                all.allowed,
                all.elsewhere(),
                all.media.fallbacks(),
                relays.findings(true),
                relays.findings(false));
    }

    /** {@code TCP 80,443; UDP 3478-3481}: what the sets list, merged per protocol. */
    static String listedPorts(Snapshot snapshot, List<Integer> setIds) {
        PortSet[] ports = {PortSet.EMPTY, PortSet.EMPTY};
        for (int id : setIds) {
            snapshot.set(id).ifPresent(s -> {
                ports[0] = ports[0].union(s.tcpPorts());
                ports[1] = ports[1].union(s.udpPorts());
            });
        }
        List<String> parts = new ArrayList<>();
        if (!ports[0].isEmpty()) {
            parts.add("TCP " + ports[0]);
        }
        if (!ports[1].isEmpty()) {
            parts.add("UDP " + ports[1]);
        }
        return String.join("; ", parts);
    }

    /**
     * A log opened: UTF-8, or UTF-16 with a byte-order mark as Windows tools save "Unicode" text
     * (the same rule as verify's files). UTF-8 is read as bytes, a UTF-8 mark skipped as the
     * decoding reader skips it; UTF-16 through the decoding reader.
     */
    private static final class Input implements java.io.Closeable {
        private final BufferedInputStream in;
        private final boolean utf8;
        private final int textStart;
        private Reader text;

        Input(InputStream raw) throws IOException {
            in = new BufferedInputStream(raw, 1 << 16);
            in.mark(3);
            byte[] start = in.readNBytes(3);
            in.reset();
            utf8 = !(start.length >= 2
                    && (start[0] == (byte) 0xff && start[1] == (byte) 0xfe
                            || start[0] == (byte) 0xfe && start[1] == (byte) 0xff));
            if (utf8
                    && start.length == 3
                    && start[0] == (byte) 0xef
                    && start[1] == (byte) 0xbb
                    && start[2] == (byte) 0xbf) {
                in.skipNBytes(3);
                textStart = 3;
            } else {
                textStart = 0;
            }
        }

        /** Where the text starts in the input: after a UTF-8 byte order mark. */
        int start() {
            return textStart;
        }

        boolean utf8() {
            return utf8;
        }

        InputStream bytes() {
            return in;
        }

        Reader text() throws IOException {
            if (text == null) {
                text = new BufferedReader(LocalFiles.reader(in), 1 << 16);
            }
            return text;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static Input open(String log, InputStream stdin) throws IOException {
        if (log.equals("-")) {
            return new Input(stdin);
        }
        Path p = Path.of(log);
        try {
            InputStream in = Files.newInputStream(p);
            if (log.endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new Input(in);
        } catch (NoSuchFileException e) {
            throw new UsageException(log + " does not exist");
        }
    }

    /**
     * Where to cut a log file to read it in two parts at once: the start of a line after
     * {@code start} (the text's start), or -1 to read it whole (standard input, a compressed file,
     * a device or pipe, a short file).
     */
    private long cut(String log, long start) throws IOException {
        if (log.equals("-") || log.endsWith(".gz")) {
            return -1;
        }
        Path p = Path.of(log);
        if (!Files.isRegularFile(p)) {
            return -1;
        }
        long size = Files.size(p);
        long at = split.applyAsLong(size);
        if (at < 0 || size <= start) {
            return -1;
        }
        return lineStart(p, Math.max(at, start + 1), size);
    }

    /** The first position at or after {@code at} (at least 1) where a line starts, as LF, CR LF and CR end lines; the size when none. */
    static long lineStart(Path p, long at, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(p)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            long x = at - 1; // the byte before: a line starts after its end
            boolean cr = false;
            while (x < size) {
                b.clear();
                int n = ch.read(b, x);
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++, x++) {
                    byte c = b.get(i);
                    if (cr) {
                        return c == '\n' ? x + 1 : x;
                    }
                    if (c == '\n') {
                        return x + 1;
                    }
                    cr = c == '\r';
                }
            }
            return size;
        }
    }

    /**
     * A log file read in two parts at once, cut at the start of a line: the part after the cut in
     * a thread of its own with a matcher of its own, its line numbers counted on from the first
     * part's. The flows add to {@code all} first part first, as one reading would add them, and the
     * counts add up: the result is the one reading's, wherever the cut.
     */
    private static FileStats readInParts(
            String log, long start, long cut, LogFormat format, Matcher matcher, Tally all, Progress progress)
            throws IOException {
        Path p = Path.of(log);
        try (FileChannel ch = FileChannel.open(p)) {
            long size = Math.max(cut, ch.size());
            Tally later = new Tally();
            Matcher own = matcher.fork();
            LogReader[] second = {null};
            Throwable[] failed = {null};
            Thread t = new Thread(
                    () -> {
                        try {
                            LogReader r = LogReader.part(new Region(ch, cut, size), format);
                            later.read(r, own, progress);
                            second[0] = r;
                        } catch (RuntimeException | Error e) {
                            failed[0] = e;
                        }
                    },
                    "audit-part");
            t.setDaemon(true);
            t.start();
            Tally first = new Tally();
            LogReader reader = new LogReader(new Region(ch, start, cut), format, Optional.empty());
            boolean done = false;
            try {
                first.read(reader, matcher, progress);
                done = true;
            } finally {
                if (!done) {
                    t.interrupt(); // closes the channel: the other part stops reading
                }
                joinUninterruptibly(t);
            }
            if (failed[0] instanceof RuntimeException e) {
                throw e;
            }
            if (failed[0] instanceof Error e) {
                throw e;
            }
            all.add(first);
            all.add(later);
            return joined(FileStats.of(log, format, reader), FileStats.of(log, format, second[0]));
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One log's counts from its two parts: the later part's line numbers go on from the first's. */
    static FileStats joined(FileStats a, FileStats b) {
        long before = a.lines();
        List<Listed.Problem> problems = new ArrayList<>(a.problems());
        for (Listed.Problem x : b.problems()) {
            if (problems.size() < LogReader.MAX_PROBLEMS) {
                problems.add(after(before, x));
            }
        }
        return new FileStats(
                a.file(),
                a.format(),
                a.lines() + b.lines(),
                a.flows() + b.flows(),
                a.skipped() + b.skipped(),
                a.other() + b.other(),
                a.malformed() + b.malformed(),
                List.copyOf(problems),
                a.firstUnread().or(() -> b.firstUnread().map(x -> after(before, x))));
    }

    private static Listed.Problem after(long lines, Listed.Problem p) {
        return new Listed.Problem((int) Math.min(p.line() + lines, Integer.MAX_VALUE), p.text(), p.reason());
    }

    /** A stretch of a file, read with positioned reads: two of them read one channel at once. */
    private static final class Region extends InputStream {
        private final FileChannel ch;
        private final long end;
        private long pos;

        Region(FileChannel ch, long from, long to) {
            this.ch = ch;
            this.pos = from;
            this.end = to;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos >= end) {
                return -1;
            }
            int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n < 0) {
                pos = end; // the file was cut short meanwhile
                return -1;
            }
            pos += n;
            return n;
        }
    }

    /** What the flows of the logs (or of a part of one) came to: memory grows with groups, clients and prefixes, never with lines. */
    private static final class Tally {
        final Map<Key, Counter> groups = new HashMap<>();
        final long[] elsewhere = new long[Flow.Action.values().length]; // by action
        final Media media = new Media();
        long allowed;

        void read(LogReader reader, Matcher matcher, Progress progress) {
            long n = 0;
            for (Flow flow = reader.nextFlow(); flow != null; flow = reader.nextFlow()) {
                add(flow, matcher.key(flow));
                if (++n == PROGRESS_EVERY) {
                    progress.add(n);
                    n = 0;
                }
            }
            progress.add(n);
        }

        private void add(Flow flow, Optional<Key> key) {
            if (key.isEmpty()) {
                elsewhere[flow.action().ordinal()]++;
                return;
            }
            Key k = key.get();
            media.add(k, flow);
            if (flow.action() == Flow.Action.ALLOWED) {
                allowed++;
            } else {
                Counter c = groups.get(k);
                if (c == null) {
                    c = new Counter(flow.time());
                    groups.put(k, c);
                }
                c.add(flow.time());
            }
        }

        /** Adds what a later reading came to, as if its flows had come here after these. */
        void add(Tally later) {
            later.groups.forEach((k, c) -> {
                Counter mine = groups.get(k);
                if (mine == null) {
                    groups.put(k, c);
                } else {
                    mine.count += c.count;
                    mine.last = c.last;
                }
            });
            for (int i = 0; i < elsewhere.length; i++) {
                elsewhere[i] += later.elsewhere[i];
            }
            allowed += later.allowed;
            media.add(later.media);
        }

        /** Flows to other destinations by action, the actions seen only. */
        Map<Flow.Action, Long> elsewhere() {
            Map<Flow.Action, Long> out = new EnumMap<>(Flow.Action.class);
            for (Flow.Action a : Flow.Action.values()) {
                if (elsewhere[a.ordinal()] > 0) {
                    out.put(a, elsewhere[a.ordinal()]);
                }
            }
            return out;
        }
    }

    /** The running count of flows read, told every {@value #PROGRESS_EVERY} from whichever part is reading. */
    private static final class Progress {
        private final LongConsumer to;
        private final AtomicLong flows = new AtomicLong();
        private long told;

        Progress(LongConsumer to) {
            this.to = to;
        }

        void add(long n) {
            long now = flows.addAndGet(n);
            if (now / PROGRESS_EVERY > (now - n) / PROGRESS_EVERY) {
                synchronized (this) {
                    if (now > told) {
                        told = now;
                        to.accept(now);
                    }
                }
            }
        }
    }

    /** The first lines decide (see {@link LogFormat#detect(List)}); the input is put back where it was. */
    private static LogFormat detect(Input input, String log) {
        try {
            String head;
            if (input.utf8()) {
                // 65,536 characters, as the text form reads: never more than three bytes each
                InputStream in = input.bytes();
                in.mark(3 << 16);
                byte[] bytes = in.readNBytes(3 << 16);
                in.reset();
                head = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            } else {
                Reader in = input.text();
                in.mark(1 << 16);
                char[] buf = new char[1 << 16];
                int n = 0;
                for (int got; n < buf.length && (got = in.read(buf, n, buf.length - n)) > 0; ) {
                    n += got;
                }
                in.reset();
                head = new String(buf, 0, n);
            }
            if (head.length() >= 1 << 16) {
                head = head.substring(0, 1 << 16);
                if (head.lastIndexOf('\n') > 0) {
                    head = head.substring(0, head.lastIndexOf('\n')); // a cut last line could look like another format
                }
            }
            List<String> lines = new ArrayList<>();
            for (String line : head.split("\r?\n|\r")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
                if (lines.size() == LogFormat.DETECT_LINES) {
                    break;
                }
            }
            if (lines.isEmpty()) {
                throw new UsageException(log + " is empty");
            }
            return LogFormat.detect(lines);
        } catch (IOException e) {
            throw new UsageException("cannot read " + log + ": " + Printable.reason(e));
        }
    }

    /**
     * A group of flows: a value, as a record would be, with its hash made once (each flow's group
     * is looked up by it; the matcher hands out the same key for flows alike).
     */
    private static final class Key {
        private final Flow.Action action;
        private final Flow.Protocol protocol;
        private final String ports;
        private final String destination;
        private final List<Integer> setIds;
        private final String serviceArea;
        private final Category category;
        private final boolean listed;
        private final int hash;

        Key(
                Flow.Action action,
                Flow.Protocol protocol,
                String ports,
                String destination,
                List<Integer> setIds,
                String serviceArea,
                Category category,
                boolean listed) {
            this.action = action;
            this.protocol = protocol;
            this.ports = ports;
            this.destination = destination;
            this.setIds = setIds;
            this.serviceArea = serviceArea;
            this.category = category;
            this.listed = listed;
            this.hash = java.util.Objects.hash(
                    action.ordinal(), protocol.ordinal(), ports, destination, setIds, serviceArea, category, listed);
        }

        Flow.Action action() {
            return action;
        }

        Flow.Protocol protocol() {
            return protocol;
        }

        String ports() {
            return ports;
        }

        String destination() {
            return destination;
        }

        List<Integer> setIds() {
            return setIds;
        }

        String serviceArea() {
            return serviceArea;
        }

        Category category() {
            return category;
        }

        boolean listed() {
            return listed;
        }

        @Override
        public boolean equals(Object o) {
            return o == this
                    || o instanceof Key k
                            && k.hash == hash
                            && k.action == action
                            && k.protocol == protocol
                            && k.listed == listed
                            && k.category.equals(category)
                            && k.ports.equals(ports)
                            && k.destination.equals(destination)
                            && k.setIds.equals(setIds)
                            && k.serviceArea.equals(serviceArea);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The CQD exports' rows, summed by building, subnet, relay and reason: memory grows with those, never with lines. */
    private static final class Relays {
        private record Where(String building, String subnet, String relay, String reason) {}

        private final Matcher matcher;
        private final Map<Where, long[]> failures = new HashMap<>();
        private final Map<Where, long[]> tcp = new HashMap<>();
        private final Map<String, Optional<Key>> keys = new HashMap<>();

        Relays(Matcher matcher) {
            this.matcher = matcher;
        }

        FileStats read(Input in, String log) {
            try (CqdReader reader = in.utf8() ? new CqdReader(in.bytes()) : new CqdReader(in.text())) {
                for (Optional<List<CqdRow>> rows = reader.next(); rows.isPresent(); rows = reader.next()) {
                    rows.get().forEach(this::add);
                }
                return new FileStats(
                        log,
                        LogFormat.CQD,
                        reader.lines(),
                        reader.rows(),
                        reader.skipped(),
                        0,
                        reader.malformed(),
                        reader.problems(),
                        reader.firstUnread());
            } catch (IOException e) {
                throw new UsageException("cannot read " + log + ": " + Printable.reason(e));
            }
        }

        private void add(CqdRow row) {
            if (row.failed() > 0) {
                failures.computeIfAbsent(
                                        new Where(row.building(), row.subnet(), row.relay(), row.reason()),
                                        w -> new long[1])[0] +=
                        row.failed();
            }
            if (row.transport() == Flow.Protocol.TCP
                    && key(row.relay()).map(Key::listed).orElse(false)) {
                tcp.computeIfAbsent(new Where(row.building(), row.subnet(), row.relay(), ""), w -> new long[1])[0] +=
                        row.streams();
            }
        }

        /** The relay as a UDP 3478 flow sees it: its sets, and whether they list UDP media ports. */
        private Optional<Key> key(String relay) {
            return keys.computeIfAbsent(
                    relay,
                    a -> matcher.key(
                            new Flow(a, false, Flow.Protocol.UDP, Optional.of(3478), Flow.Action.FAILED, "", 0)));
        }

        List<RelayFinding> findings(boolean failed) {
            List<RelayFinding> out = new ArrayList<>();
            (failed ? failures : tcp).forEach((w, n) -> {
                Optional<Key> k = key(w.relay());
                out.add(new RelayFinding(
                        w.building(),
                        w.subnet(),
                        w.relay(),
                        k.map(Key::destination).orElse(""),
                        k.map(Key::setIds).orElse(List.of()),
                        k.map(Key::serviceArea).orElse(""),
                        k.map(x -> x.category().name()).orElse(""),
                        k.filter(Key::listed).map(Key::ports).orElse(""),
                        w.reason(),
                        n[0]));
            });
            out.sort(Comparator.comparing(RelayFinding::building)
                    .thenComparing(RelayFinding::subnet)
                    .thenComparing(RelayFinding::relay)
                    .thenComparing(RelayFinding::reason));
            return out;
        }
    }

    /**
     * What each client did towards each Teams media prefix: memory grows with Teams clients times
     * Teams prefixes, never with lines.
     */
    private static final class Media {
        private static final String TEAMS = "Skype";
        private static final Comparator<IpAddress> ADDRESS_ORDER = Comparator.comparing(IpAddress::family)
                .thenComparing(IpAddress::high, Long::compareUnsigned)
                .thenComparing(IpAddress::low, Long::compareUnsigned);
        private final Map<String, ClientCounts> byPrefix = new HashMap<>();
        private final Map<String, Key> keys = new HashMap<>();
        private String lastPrefix;
        private ClientCounts lastClients;

        void add(Key k, Flow f) {
            if (!TEAMS.equals(k.serviceArea()) || f.port().isEmpty()) {
                return;
            }
            int port = f.port().get();
            boolean blocked = f.action() == Flow.Action.DENIED || f.action() == Flow.Action.FAILED;
            int slot;
            if (f.protocol() == Flow.Protocol.UDP && blocked && (port >= 3478 && port <= 3481 || k.listed())) {
                slot = 0;
            } else if (f.protocol() == Flow.Protocol.TCP && port == 443 && f.action() == Flow.Action.ALLOWED) {
                slot = 1;
            } else {
                return;
            }
            Optional<IpAddress> client = f.client();
            if (client.isEmpty()) {
                return;
            }
            // Teams lines come in runs to one prefix: its table without a map lookup
            if (k.destination() != lastPrefix) {
                lastPrefix = k.destination();
                lastClients = byPrefix.computeIfAbsent(lastPrefix, x -> new ClientCounts());
            }
            lastClients.increment(client.get(), slot);
            if (slot == 0) {
                keys.putIfAbsent(k.destination(), k);
            }
        }

        /** Adds what a later reading saw. */
        void add(Media later) {
            later.byPrefix.forEach((prefix, clients) ->
                    byPrefix.computeIfAbsent(prefix, x -> new ClientCounts()).addAll(clients));
            later.keys.forEach(keys::putIfAbsent);
        }

        List<Fallback> fallbacks() {
            List<Fallback> out = new ArrayList<>();
            for (Map.Entry<String, ClientCounts> e : new java.util.TreeMap<>(byPrefix).entrySet()) {
                List<IpAddress> seen = new ArrayList<>();
                long[] sums = new long[2];
                e.getValue().forEach(c -> {
                    if (c.first() > 0 && c.second() > 0) {
                        seen.add(c.client());
                        sums[0] += c.first();
                        sums[1] += c.second();
                    }
                });
                long udp = sums[0];
                long tcp = sums[1];
                if (!seen.isEmpty()) {
                    seen.sort(ADDRESS_ORDER);
                    List<String> clients =
                            seen.stream().map(IpAddress::toString).toList();
                    Key k = keys.get(e.getKey());
                    out.add(new Fallback(
                            e.getKey(), k.setIds(), k.serviceArea(), k.category(), List.copyOf(clients), udp, tcp));
                }
            }
            return out;
        }
    }

    private static final class Counter {
        long count;
        final String first;
        String last;

        Counter(String first) {
            this.first = first;
        }

        void add(String time) {
            count++;
            last = time;
        }
    }

    /** Which endpoint sets a flow belongs to, and whether they list its port. */
    private static final class Matcher {
        private final PrefixIndex<EndpointSet> ips;
        private final Map<String, List<Hit>> exact;
        private final Map<String, List<Hit>> subdomains;
        private final List<Hit> partial;
        // for addresses: the key depends only on the index's list of matches (the same list object for
        // every address under the same prefixes), protocol, port and action; bounded, in case lists are new
        private final Map<Memo, Optional<Key>> memo = new HashMap<>();
        private Memo last;
        private Optional<Key> lastKey;

        private record Hit(String pattern, EndpointSet set) {}

        /** The index's list of matches compared as an object, not element by element; a class, not a record, on the per-line path. */
        private static final class Memo {
            private final Object hits;
            private final Flow.Protocol protocol;
            private final Optional<Integer> port;
            private final Flow.Action action;
            private final int hash;

            Memo(Object hits, Flow.Protocol protocol, Optional<Integer> port, Flow.Action action) {
                this.hits = hits;
                this.protocol = protocol;
                this.port = port;
                this.action = action;
                this.hash = ((System.identityHashCode(hits) * 31 + protocol.ordinal()) * 31 + port.hashCode()) * 31
                        + action.ordinal();
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Memo m
                        && m.hits == hits
                        && m.protocol == protocol
                        && m.action == action
                        && m.port.equals(port);
            }

            @Override
            public int hashCode() {
                return hash;
            }
        }

        Matcher(Snapshot snapshot) {
            exact = new HashMap<>();
            subdomains = new HashMap<>();
            partial = new ArrayList<>();
            PrefixIndex.Builder<EndpointSet> b = PrefixIndex.builder();
            for (EndpointSet s : snapshot.sets()) {
                s.ips().forEach(p -> b.add(p, s));
                for (HostPattern h : s.urls()) {
                    Hit hit = new Hit(h.pattern(), s);
                    switch (h.kind()) {
                        case EXACT ->
                            exact.computeIfAbsent(h.pattern(), k -> new ArrayList<>())
                                    .add(hit);
                        case SUBDOMAINS ->
                            subdomains
                                    .computeIfAbsent(h.domain(), k -> new ArrayList<>())
                                    .add(hit);
                        default -> partial.add(hit);
                    }
                }
            }
            ips = b.build();
        }

        private Matcher(Matcher of) {
            ips = of.ips;
            exact = of.exact;
            subdomains = of.subdomains;
            partial = of.partial;
        }

        /** A matcher for another thread: the index and patterns (never changed once built) shared, a memo of its own. */
        Matcher fork() {
            return new Matcher(this);
        }

        Optional<Key> key(Flow f) {
            // candidates, most specific first: (what matched, its set)
            List<Hit> hits;
            if (f.hostname()) {
                hits = new ArrayList<>();
                String host = f.destination();
                hits.addAll(exact.getOrDefault(host, List.of()));
                for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
                    hits.addAll(subdomains.getOrDefault(host.substring(dot + 1), List.of()));
                }
                partial.stream()
                        .filter(h -> new HostPattern(h.pattern()).matches(host))
                        .forEach(hits::add);
                // the most specific pattern first: an exact name, then the longest literal part
                hits.sort(Comparator.comparingInt((Hit h) -> h.pattern().indexOf('*') < 0 ? 0 : 1)
                        .thenComparingInt(h -> -h.pattern().replace("*", "").length()));
            } else {
                // the address as the log reader parsed it: no text made for it, and not parsed twice
                Optional<IpAddress> address = f.address();
                List<PrefixIndex.Match<EndpointSet>> matches =
                        address.isPresent() ? ips.lookup(address.get()) : List.of();
                if (matches.isEmpty()) {
                    return Optional.empty();
                }
                // flows alike come in runs: the line before's answer, with no memo key made or looked up
                if (last != null
                        && last.hits == matches
                        && last.protocol == f.protocol()
                        && last.action == f.action()
                        && last.port.equals(f.port())) {
                    return lastKey;
                }
                Memo m = new Memo(matches, f.protocol(), f.port(), f.action());
                Optional<Key> known = memo.get(m);
                if (known != null) {
                    last = m;
                    lastKey = known;
                    return known;
                }
                hits = new ArrayList<>();
                for (PrefixIndex.Match<EndpointSet> x : matches) {
                    hits.add(new Hit(x.prefix().toString(), x.value()));
                }
                Optional<Key> key = key(f, hits);
                if (memo.size() >= 10_000) {
                    memo.clear();
                }
                memo.put(m, key);
                last = m;
                lastKey = key;
                return key;
            }
            return key(f, hits);
        }

        private Optional<Key> key(Flow f, List<Hit> hits) {
            if (hits.isEmpty()) {
                return Optional.empty();
            }
            boolean knownPort =
                    f.port().isPresent() && (f.protocol() == Flow.Protocol.TCP || f.protocol() == Flow.Protocol.UDP);
            if (!knownPort) {
                return Optional.of(key(f, hits, "", true));
            }
            int port = f.port().get();
            List<Hit> listing = hits.stream()
                    .filter(h -> ports(h.set(), f.protocol()).contains(port))
                    .toList();
            if (listing.isEmpty()) {
                return Optional.of(key(f, hits, Integer.toString(port), false));
            }
            Hit best = listing.stream()
                    .max(Comparator.comparingInt(h -> h.set().category().trust()))
                    .orElseThrow();
            String range = ports(best.set(), f.protocol()).ranges().stream()
                    .filter(x -> x.from() <= port && port <= x.to())
                    .map(Object::toString)
                    .findFirst()
                    .orElse(Integer.toString(port));
            return Optional.of(key(f, listing, range, true));
        }

        private static Key key(Flow f, List<Hit> hits, String ports, boolean listed) {
            TreeSet<Integer> ids = new TreeSet<>();
            hits.forEach(h -> ids.add(h.set().id()));
            EndpointSet trusted = hits.stream()
                    .map(Hit::set)
                    .max(Comparator.comparingInt(s -> s.category().trust()))
                    .orElseThrow();
            return new Key(
                    f.action(),
                    f.protocol(),
                    ports,
                    hits.get(0).pattern(),
                    List.copyOf(ids),
                    trusted.serviceArea().name(),
                    trusted.category(),
                    listed);
        }

        private static PortSet ports(EndpointSet s, Flow.Protocol p) {
            return p == Flow.Protocol.TCP ? s.tcpPorts() : s.udpPorts();
        }
    }
}
