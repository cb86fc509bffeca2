package io.github.o365watch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic endpoint lists far larger than Microsoft's, in the web service's JSON shape, for the
 * benchmarks: any number of endpoint sets and prefixes (IPv4 and IPv6, with duplicates across sets
 * and adjacent blocks that aggregate, as the real lists have), hostnames and wildcards, and a
 * history of versions in which about one set in a hundred changes from one version to the next.
 * Deterministic: the same shape and version give the same bytes.
 */
public final class ScaleFeed {
    /** The issue's scale: 10,000 endpoint sets, 100,000 prefixes, and 50 versions of history. */
    public static final Shape ISSUE = new Shape(10_000, 100_000, 4);

    public static final int HISTORY = 50;

    private static final String[] AREAS = {"Common", "Exchange", "SharePoint", "Skype"};
    private static final String[] AREA_NAMES = {
        "Microsoft 365 Common and Office Online",
        "Exchange Online",
        "SharePoint Online and OneDrive for Business",
        "Skype for Business Online and Microsoft Teams"
    };
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * @param sets       endpoint sets in the first version
     * @param prefixes   IP prefixes over all sets (about 60% IPv4, 40% IPv6)
     * @param urlsPerSet hostnames per set (one in ten a wildcard)
     */
    public record Shape(int sets, int prefixes, int urlsPerSet) {
        public Shape {
            if (sets < 1 || prefixes < sets || urlsPerSet < 0) {
                throw new IllegalArgumentException(
                        "need at least one set and one prefix per set: " + sets + ", " + prefixes);
            }
        }

        /** The same density at another number of sets (10 prefixes per set for {@link #ISSUE}). */
        public Shape withSets(int n) {
            return new Shape(n, (int) ((long) prefixes * n / sets), urlsPerSet);
        }
    }

    private ScaleFeed() {}

    /** The data version of the i-th version of a history (0 is the first): one a day from 2025-01-01 (dates a service could publish: none after today). */
    public static String version(int i) {
        return LocalDate.of(2025, 1, 1).plusDays(i).format(DAY) + "00";
    }

    /** The i-th version's GET /endpoints response body. */
    public static byte[] endpoints(Shape shape, int version) {
        StringBuilder out = new StringBuilder(shape.prefixes() * 40 + shape.sets() * 300);
        write(shape, version, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** As {@link #endpoints}, straight to a file. */
    public static void write(Shape shape, int version, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(shape, version, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A mirror directory ({@code version.json}, {@code version/<I>.json}, {@code endpoints/<I>.json})
     * that publishes version {@code i} of the Worldwide instance, as {@code fetch --source DIR} and
     * the benchmarks' HTTP server read it.
     */
    public static void mirror(Shape shape, int i, Path dir) {
        try {
            Files.createDirectories(dir.resolve("version"));
            Files.createDirectories(dir.resolve("endpoints"));
            write(shape, i, dir.resolve("endpoints/Worldwide.json"));
            List<String> seen = new ArrayList<>();
            for (int v = i; v >= 0; v--) {
                seen.add("\"" + version(v) + "\"");
            }
            Files.writeString(
                    dir.resolve("version/Worldwide.json"),
                    "{\"instance\":\"Worldwide\",\"latest\":\"" + version(i) + "\",\"versions\":["
                            + String.join(",", seen) + "]}\n");
            Files.writeString(
                    dir.resolve("version.json"), "[{\"instance\":\"Worldwide\",\"latest\":\"" + version(i) + "\"}]\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Shape shape, int version, Appendable out) {
        try {
            out.append("[\n");
            boolean first = true;
            int perSet = shape.prefixes() / shape.sets();
            int extra = shape.prefixes() % shape.sets();
            // one new set every tenth version, so a history also adds sets
            int total = shape.sets() + version / 10;
            for (int id = 1; id <= total; id++) {
                if (retired(id, version)) {
                    continue;
                }
                if (!first) {
                    out.append(",\n");
                }
                first = false;
                set(shape, id, perSet + (id <= extra ? 1 : 0), version, out);
            }
            out.append("\n]\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One set in two thousand is retired at some version of the history. */
    private static boolean retired(int id, int version) {
        long h = mix(id * 7919L);
        return h % 2000 == 0 && (int) (h >>> 40 & 63) < version;
    }

    private static void set(Shape shape, int id, int prefixes, int version, Appendable out) throws IOException {
        long h = mix(id);
        int area = (int) (h & 3);
        int c = (int) (h >>> 8 & 1023) % 100;
        String category = c < 5 ? "Optimize" : c < 30 ? "Allow" : "Default";
        boolean required = (h >>> 20 & 7) < 5;
        boolean expressRoute = category.equals("Optimize") || (h >>> 24 & 3) == 0;
        List<String> ips = new ArrayList<>();
        for (int k = 0; k < prefixes; k++) {
            ips.add(prefix(id, k));
        }
        List<String> urls = new ArrayList<>();
        for (int k = 0; k < shape.urlsPerSet(); k++) {
            urls.add(host(id, k));
        }
        // the history: in each version about one set in a hundred gains a prefix and a hostname,
        // and every other such change also drops its first prefix
        for (int v = 1; v <= version; v++) {
            long m = mix(id * 1_000_003L + v);
            if (m % 100 == 0) {
                ips.add(prefix(id, 1000 + v));
                urls.add(host(id, 1000 + v));
                if ((m >>> 32 & 1) == 1 && ips.size() > 1) {
                    ips.remove(0);
                }
            }
        }
        out.append("  {\"id\": ")
                .append(Integer.toString(id))
                .append(", \"serviceArea\": \"")
                .append(AREAS[area])
                .append("\", \"serviceAreaDisplayName\": \"")
                .append(AREA_NAMES[area])
                .append('"');
        if (!urls.isEmpty()) {
            out.append(", \"urls\": [");
            list(urls, out);
            out.append(']');
        }
        if (!ips.isEmpty()) {
            out.append(", \"ips\": [");
            list(ips, out);
            out.append(']');
        }
        out.append(", \"tcpPorts\": \"")
                .append((h >>> 28 & 1) == 0 ? "80,443" : "443")
                .append('"');
        if (area == 3 && category.equals("Optimize")) {
            out.append(", \"udpPorts\": \"3478-3481\"");
        }
        out.append(", \"expressRoute\": ")
                .append(Boolean.toString(expressRoute))
                .append(", \"category\": \"")
                .append(category)
                .append('"')
                .append(", \"required\": ")
                .append(Boolean.toString(required));
        if (!required) {
            out.append(", \"notes\": \"synthetic set ")
                    .append(Integer.toString(id))
                    .append(" for benchmarks\"");
        }
        out.append('}');
    }

    private static void list(List<String> values, Appendable out) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "\"" : ", \"").append(values.get(i)).append('"');
        }
    }

    /**
     * The k-th prefix of set {@code id}. Three in five are IPv4: a block in a 1024-address slot
     * (a /22 fills its slot, so neighbouring /22s aggregate). One in ten repeats a prefix of
     * another set, as the real lists repeat prefixes across sets.
     */
    static String prefix(int id, int k) {
        long h = mix(id * 131L + k);
        long j = h % 10 == 0 ? mix(h) % Math.max(1, id) * 16 + (k & 15) : id * 16L + (k & 15) + (k >> 4) * 7_000_003L;
        if (h % 5 < 3) {
            int len = 22 + (int) (h >>> 16 & 7) + (int) (h >>> 19 & 3);
            long slot = 0x14000000L + (j % 0x40000L) * 1024; // 20.0.0.0 to 35.255.255.255
            long net = slot & (-1L << (32 - len)) & 0xffffffffL;
            return (net >>> 24) + "." + (net >>> 16 & 255) + "." + (net >>> 8 & 255) + "." + (net & 255) + "/" + len;
        }
        int len = 36 + (int) (h >>> 16 & 15);
        // j fills bits 16 to 35 of 2603::/16, so every length from 36 keeps prefixes apart
        long high = (0x2603L << 48 | (j % 0x100000L) << 28) & (-1L << (64 - len));
        return ipv6(high) + "/" + len;
    }

    /** RFC 5952 text of an address whose low 64 bits are zero. */
    private static String ipv6(long high) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i) & 0xffff);
        }
        int bestAt = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i > 1) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    private static String host(int id, int k) {
        String name = "h" + k + ".s" + id + ".bench" + (id % 97) + ".example.com";
        return k % 10 == 9 ? "*.w" + k + ".s" + id + ".example.com" : name;
    }

    /** SplitMix64's finaliser: a cheap, well-mixed hash, non-negative. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    /**
     * For the benchmark scripts: {@code mirror SETS PREFIXES VERSION DIR} writes a mirror
     * directory, {@code kernlog LINES FILE} an iptables log for audit.
     */
    public static void main(String[] args) throws IOException {
        switch (args.length > 0 ? args[0] : "") {
            case "mirror" ->
                mirror(
                        new Shape(Integer.parseInt(args[1]), Integer.parseInt(args[2]), ISSUE.urlsPerSet()),
                        Integer.parseInt(args[3]),
                        Path.of(args[4]));
            case "kernlog" -> kernLog(Long.parseLong(args[1]), Path.of(args[2]));
            default -> {
                System.err.println("usage: ScaleFeed mirror SETS PREFIXES VERSION DIR | kernlog LINES FILE");
                System.exit(2);
            }
        }
    }

    /**
     * iptables log lines as AuditStreamingIT pipes them: three in four to Teams media (denied, UDP
     * 3478), one in four to an address outside Microsoft's lists; every address different.
     */
    public static void kernLog(long lines, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            kernLog(lines, w);
        }
    }

    /** The same lines, written to {@code w} (a process's standard input, say). */
    public static void kernLog(long lines, Writer w) throws IOException {
        // one builder for every line, no String.format: a million lines are the tests' and benchmarks' input
        StringBuilder line = new StringBuilder(256);
        for (long i = 0; i < lines; i++) {
            line.setLength(0);
            line.append("Nov 25 10:");
            twoDigits(line, i / 60 % 60).append(':');
            twoDigits(line, i % 60).append(" fw kernel: [").append(i).append(".000000] o365-drop: IN=eth1");
            line.append(" OUT=eth0 MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00 SRC=10.0.");
            line.append(i >> 8 & 255).append('.').append(i & 255).append(" DST=");
            // three in four to Teams media (52.112.0.0/14), one in four elsewhere
            if (i % 4 == 3) {
                line.append("198.51.");
            } else {
                line.append("52.11").append(2 + (i & 3) % 2).append('.');
            }
            line.append(i >> 8 & 255).append('.').append(i & 255);
            line.append(" LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=").append(i);
            line.append(" PROTO=UDP SPT=").append(20000 + i % 40000).append(" DPT=3478 LEN=40\n");
            w.append(line);
        }
    }

    private static StringBuilder twoDigits(StringBuilder b, long n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}
