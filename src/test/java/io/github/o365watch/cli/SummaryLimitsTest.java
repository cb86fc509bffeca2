package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.Addresses;
import io.github.o365watch.testing.Derived;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 1: a budget of entries never widens a list into the Internet. generate, sync and
 * check through the real command line, on the real 2019112700 data (generate) and on versions
 * WireMock serves (sync); every figure a file states is checked against the file itself with
 * plain interval arithmetic.
 */
class SummaryLimitsTest {
    static final String V = "2019112700";

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    TestCli cli;
    String store;

    @BeforeEach
    void setUp() {
        cli = new TestCli(tmp.resolve("machine"));
        store = tmp.resolve("store").toString();
        new SnapshotStore(Path.of(store)).put(Fixtures.snapshot("Worldwide", V), Optional.empty(), "00".repeat(32));
    }

    Result generate(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("generate", "--store", store, "--out", out.toString()));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void theReproductionFailsNamingTargetFamilyBudgetAndTheSmallestBudgetThatWorks() {
        Result r = generate(tmp.resolve("me5"), "--target", "edl", "--category", "optimize", "--max-entries", "5");

        assertThat(r.code()).as(r.toString()).isEqualTo(6);
        assertThat(r.err().lines()).as("one line").hasSize(1);
        // Optimize's IPv4 prefixes lie in ten /8s: five prefixes of /8 or longer cannot hold them
        assertThat(r.err())
                .contains(
                        "target edl: Worldwide 2019112700, object optimize, IPv4: 19 prefixes do not fit in 5 with at most 1%"
                                + " more addresses and none broader than /8; the smallest budgets that would work: 16 prefixes at 1%"
                                + " (5 cannot cover them without a prefix broader than /8: that takes at least 10)")
                .contains(
                        "object optimize, IPv6: 26 prefixes do not fit in 5 with at most 1% more addresses and none broader than /16;"
                                + " the smallest budgets that would work: 21 prefixes at 1%, or 5 prefixes at")
                .contains("raise --max-entries or --max-extra-percent")
                .doesNotContain("0.0.0.0/2", "128.0.0.0/3");
        assertThat(tmp.resolve("me5")).doesNotExist();
    }

    @Test
    void theSmallestBudgetsNamedWorkAndOneLessDoesNot() {
        assertThat(generate(tmp.resolve("a"), "--target", "edl", "--category", "optimize", "--max-entries", "21")
                        .code())
                .isZero();
        // IPv4 needs 16 at 1%; IPv6 at 16 entries needs the percentage the message names
        Result at16 = generate(tmp.resolve("b"), "--target", "edl", "--category", "optimize", "--max-entries", "16");
        assertThat(at16.code()).isEqualTo(6);
        Matcher m = Pattern.compile("IPv6: .* or 16 prefixes at ([0-9.,]+)%").matcher(at16.err());
        assertThat(m.find()).as(at16.err()).isTrue();
        String percent = m.group(1).replace(",", "");
        assertThat(at16.err()).doesNotContain("IPv4");
        Result works = generate(
                tmp.resolve("c"),
                "--target",
                "edl",
                "--category",
                "optimize",
                "--max-entries",
                "16",
                "--max-extra-percent",
                percent);
        assertThat(works.code()).as(works.toString()).isZero();
        String less = new BigDecimal(percent).subtract(new BigDecimal("0.01")).toPlainString();
        assertThat(generate(
                                tmp.resolve("d"),
                                "--target",
                                "edl",
                                "--category",
                                "optimize",
                                "--max-entries",
                                "16",
                                "--max-extra-percent",
                                less)
                        .code())
                .isEqualTo(6);
        assertThat(generate(tmp.resolve("e"), "--target", "edl", "--category", "optimize", "--max-entries", "20")
                        .code())
                .as("21 was named as the fewest for IPv6 at 1%")
                .isEqualTo(6);
    }

    @Test
    void eachFileStatesOneFigureForItsOwnListsTheSameAsTheCommandSays() throws IOException {
        Path out = tmp.resolve("o");
        Result r = generate(out, "--target", "edl", "--category", "optimize", "--max-entries", "21");

        assertThat(r.code()).as(r.toString()).isZero();
        String v4 = Files.readString(out.resolve("edl/o365-optimize-ipv4.txt"));
        String v6 = Files.readString(out.resolve("edl/o365-optimize-ipv6.txt"));
        // 19 IPv4 prefixes fit as they are: that file says nothing of summarising, nor of the IPv6 list
        assertThat(v4).doesNotContainIgnoringCase("summar");
        List<String> figures = v6.lines().filter(l -> l.contains("ummar")).toList();
        assertThat(figures).hasSize(2);
        assertThat(figures.get(0))
                .startsWith("# Summarised, IPv6: 21 prefixes instead of 26, ")
                .endsWith("%).");
        assertThat(figures.get(1))
                .isEqualTo("# Summary limits: at most 21 prefixes per object and family, at most 1% more addresses than"
                        + " listed, none broader than /8 (IPv4) or /16 (IPv6).");
        String figure = figures.get(0)
                .substring("# Summarised, ".length(), figures.get(0).length() - 1);
        assertThat(r.out())
                .contains("edl     o365-optimize-ipv6.txt  " + figure)
                .doesNotContain("o365-optimize-ipv4.txt");

        // the figure against the files: 21 prefixes, covering the exact list, and as many more addresses as it says
        Path exact = tmp.resolve("exact");
        assertThat(generate(exact, "--target", "edl", "--category", "optimize").code())
                .isZero();
        List<Interval> listed = intervals(Files.readString(exact.resolve("edl/o365-optimize-ipv6.txt")));
        List<Interval> written = intervals(v6);
        assertThat(listed).hasSize(26);
        assertThat(written).hasSize(21).allSatisfy(i -> assertThat(i.length).isGreaterThanOrEqualTo(16));
        assertThat(covers(written, listed)).isTrue();
        BigInteger extra = size(written).subtract(size(listed));
        assertThat(extra.multiply(BigInteger.valueOf(100))).as("within 1%").isLessThanOrEqualTo(size(listed));
        // stated in /64s: the true count of /64s, rounded to two decimals
        Matcher m = Pattern.compile("about ([0-9,]+(?:\\.[0-9]+)?) more /64s \\(([0-9.]+)%\\)")
                .matcher(figure);
        assertThat(m.find()).as(figure).isTrue();
        BigDecimal stated = new BigDecimal(m.group(1).replace(",", ""));
        BigDecimal truth = new BigDecimal(extra).divide(new BigDecimal(BigInteger.ONE.shiftLeft(64)));
        assertThat(truth.subtract(stated).abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
        assertThat(figure).doesNotContainPattern("[0-9]{16}");
    }

    @Test
    void aFileOfSeveralObjectsStatesTheirSumPerFamily() throws IOException {
        Path out = tmp.resolve("o");
        Result r = generate(out, "--target", "nftables", "--category", "all", "--max-entries", "55");
        Path exact = tmp.resolve("exact");
        assertThat(generate(exact, "--target", "nftables", "--category", "all").code())
                .isZero();

        assertThat(r.code()).as(r.toString()).isZero();
        String nft = Files.readString(out.resolve("nftables/o365watch.nft"));
        Map<String, List<Integer>> written = objects(nft);
        Map<String, List<Integer>> listed = objects(Files.readString(exact.resolve("nftables/o365watch.nft")));
        List<String> figures =
                nft.lines().filter(l -> l.startsWith("# Summarised, ")).toList();
        assertThat(figures).hasSize(2);
        for (String f : figures) {
            Matcher m = Pattern.compile(
                            "# Summarised, (IPv4|IPv6), ([0-9]+) objects: ([0-9]+) prefixes instead of ([0-9]+), ")
                    .matcher(f);
            assertThat(m.find()).as(f).isTrue();
            String family = m.group(1);
            // the sets and the rules of the file, one object each, as the file writes them
            assertThat(Integer.parseInt(m.group(2)))
                    .as(f)
                    .isEqualTo(written.get(family).size());
            assertThat(Integer.parseInt(m.group(3)))
                    .as(f)
                    .isEqualTo(written.get(family).stream()
                            .mapToInt(Integer::intValue)
                            .sum());
            assertThat(Integer.parseInt(m.group(4)))
                    .as(f)
                    .isEqualTo(listed.get(family).stream()
                            .mapToInt(Integer::intValue)
                            .sum());
            assertThat(written.get(family)).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(55));
            assertThat(r.out())
                    .contains("nftables  o365watch.nft  " + f.substring("# Summarised, ".length(), f.length() - 1));
        }
    }

    /** Per family, the prefixes of each object of an nft script: each set, and each rule group (one comment, its lines). */
    static Map<String, List<Integer>> objects(String nft) {
        Map<String, List<Integer>> out = new TreeMap<>(Map.of("IPv4", new ArrayList<>(), "IPv6", new ArrayList<>()));
        String family = null;
        int count = 0;
        Map<String, Set<String>> rule = null;
        for (String line : nft.lines().toList()) {
            String s = line.strip();
            if (line.startsWith("    set ")) {
                family = null;
                count = 0;
            } else if (line.startsWith("        type ")) {
                family = s.contains("ipv6") ? "IPv6" : "IPv4";
            } else if (family != null && s.matches("[0-9a-f.:]+/[0-9]+,?")) {
                count++;
            } else if (family != null && line.equals("    }")) {
                if (count > 0) {
                    out.get(family).add(count);
                }
                family = null;
            } else if (line.startsWith("        # ")) {
                flush(rule, out);
                rule = new TreeMap<>();
            } else if (rule != null && (s.startsWith("ip daddr") || s.startsWith("ip6 daddr"))) {
                String list = s.substring(s.indexOf('{') + 1, s.indexOf('}')).strip();
                rule.computeIfAbsent(s.startsWith("ip6") ? "IPv6" : "IPv4", k -> new TreeSet<>())
                        .addAll(List.of(list.split(", ")));
            }
        }
        flush(rule, out);
        return out;
    }

    private static void flush(Map<String, Set<String>> rule, Map<String, List<Integer>> out) {
        if (rule != null) {
            rule.forEach((f, prefixes) -> out.get(f).add(prefixes.size()));
        }
    }

    @Test
    void anOverrideBroaderThanTheLimitNeverReachesAFile() throws IOException {
        Path overrides = Files.writeString(tmp.resolve("overrides.yaml"), """
                add:
                  - entry: 16.0.0.0/4
                    comment: a typo for 16.0.0.0/24
                    category: Optimize
                """);
        Result r = generate(tmp.resolve("o"), "--target", "edl", "--overrides", overrides.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(6);
        assertThat(r.err())
                .contains(
                        "target edl: Worldwide 2019112700 lists 16.0.0.0/4 in local override 'a typo for 16.0.0.0/24',"
                                + " broader than /8");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void aNegativeBudgetIsAUsageError() {
        Result r = generate(tmp.resolve("o"), "--target", "edl", "--max-entries", "5", "--max-extra-percent", "-1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--max-extra-percent must be 0 or more");
    }

    // ---- sync and check

    String config(FakeService service, String maxEntries) {
        return config(service, "maxEntries: " + maxEntries, "");
    }

    /** The job's config: edl with {@code budget} (its YAML lines), a PAC, and {@code selection} (YAML lines) if any. */
    String config(FakeService service, String budget, String selection) {
        return """
                store: snapshots
                source: %s
                instances: [Worldwide]
                output: generated
                %s
                targets:
                  - name: edl
                %s
                  - name: pac
                    options:
                      proxy: PROXY proxy.contoso.com:8080
                reports:
                  formats: [markdown]
                  directory: reports
                """.formatted(
                service.url(), selection.strip(), budget.strip().indent(4).stripTrailing());
    }

    Result sync(Path config, String... more) {
        List<String> args = new ArrayList<>(List.of("sync", "--config", config.toString()));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void syncRefusesABudgetNoSummaryFitsBeforePublishingAnythingWhateverTheFlags() throws IOException {
        FakeService service = new FakeService(wm);
        service.publish("Worldwide", "2019093000");
        Path dir = Files.createDirectories(tmp.resolve("job"));
        Path config = Files.writeString(dir.resolve("o365watch.yaml"), config(service, "5"));

        Result r = sync(config);

        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        assertThat(r.err())
                .contains("refused by the safety guard, outputs left as they were: target edl: Worldwide 2019093000,"
                        + " object optimize, IPv4:")
                .contains("do not fit in 5 with at most 1% more addresses and none broader than /8")
                .contains("--accept-shrink does not lift them");
        assertThat(dir.resolve("generated")).doesNotExist();
        assertThat(dir.resolve("o365watch.lock")).doesNotExist();
        assertThat(sync(config, "--accept-shrink").code()).isEqualTo(7);
        assertThat(sync(config, "--dry-run").code()).isEqualTo(7);
        assertThat(dir.resolve("generated")).doesNotExist();
    }

    @Test
    void syncStatesTheFiguresOfTheFilesItWrites() throws IOException {
        FakeService service = new FakeService(wm);
        service.publish("Worldwide", "2019093000");
        Path dir = Files.createDirectories(tmp.resolve("job"));
        Path config = Files.writeString(dir.resolve("o365watch.yaml"), config(service, "60"));

        Result r = sync(config);

        assertThat(r.code()).as(r.toString()).isZero();
        List<String> said =
                r.out().lines().filter(l -> l.startsWith("  worldwide/edl/")).toList();
        assertThat(said).isNotEmpty();
        for (String line : said) {
            String path = line.substring(2, line.indexOf(": "));
            String figure = line.substring(line.indexOf(": ") + 2);
            assertThat(Files.readString(dir.resolve("generated").resolve(path)))
                    .contains("# Summarised, " + figure + ".");
        }
        Map<String, String> before = Trees.hashes(dir.resolve(".generated.releases"));
        Result quiet = sync(config);
        assertThat(quiet.out().lines()).as("nothing changed: one line").hasSize(1);
        assertThat(Trees.hashes(dir.resolve(".generated.releases"))).isEqualTo(before);
    }

    /** The report of a sync that publishes summarised files states each file's figures in the files' own words. */
    @Test
    void theReportOfASyncStatesTheFiguresOfTheFilesItPublished() throws IOException {
        FakeService service = new FakeService(wm);
        service.publish("Worldwide", "2019093000");
        Path dir = Files.createDirectories(tmp.resolve("job"));
        Path config = Files.writeString(
                dir.resolve("o365watch.yaml"),
                config(service, "60").replace("formats: [markdown]", "formats: [markdown, json]"));
        assertThat(sync(config).code()).isZero();
        service.publish(
                "Worldwide",
                "2019100100",
                Derived.withIp(Fixtures.endpoints("Worldwide", "2019093000"), 1, "20.20.20.0/24"));

        Result r = sync(config);

        assertThat(r.code()).as(r.toString()).isZero();
        Map<String, List<String>> said = new TreeMap<>();
        r.out()
                .lines()
                .filter(l -> l.startsWith("  worldwide/"))
                .forEach(l -> said.computeIfAbsent(l.substring(2, l.indexOf(": ")), k -> new ArrayList<>())
                        .add(l.substring(l.indexOf(": ") + 2)));
        assertThat(said).isNotEmpty();
        String markdown = Files.readString(dir.resolve("reports/worldwide-2019093000-2019100100.md"));
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("reports/worldwide-2019093000-2019100100.json")
                        .toFile());
        Map<String, List<String>> reported = new TreeMap<>();
        json.path("summarisedOutputs")
                .forEach(o -> reported.computeIfAbsent(o.path("file").asText(), k -> new ArrayList<>())
                        .add(o.path("text").asText()));
        assertThat(reported).as("the JSON report, file by file").isEqualTo(said);
        assertThat(markdown).contains("## Summarised lists");
        said.forEach((file, figures) -> figures.forEach(figure -> {
            assertThat(markdown).contains(figure);
            try {
                assertThat(Files.readString(dir.resolve("generated").resolve(file)))
                        .contains(figure);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    @Test
    void syncRefusesAnOverrideBroaderThanTheLimitEvenWithAcceptShrink() throws IOException {
        FakeService service = new FakeService(wm);
        service.publish("Worldwide", "2019093000");
        Path dir = Files.createDirectories(tmp.resolve("job"));
        Files.writeString(dir.resolve("overrides.yaml"), """
                add:
                  - entry: 2000::/12
                    comment: everything
                """);
        Path config = Files.writeString(dir.resolve("o365watch.yaml"), config(service, "maxEntries: 0", """
                selection:
                  overrides: overrides.yaml
                """));

        Result r = sync(config, "--accept-shrink");

        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        assertThat(r.err())
                .contains("Worldwide 2019093000 lists 2000::/12 in local override 'everything', broader than /16");
        assertThat(dir.resolve("generated")).doesNotExist();
    }

    @Test
    void aNewVersionThatNoLongerFitsTheBudgetIsRefusedAndCheckSaysWhy() throws IOException {
        FakeService service = new FakeService(wm);
        service.publish("Worldwide", "2019093000");
        Path dir = Files.createDirectories(tmp.resolve("job"));
        // Optimize's IPv4 list as it is, 19 prefixes, and no address more
        Path config = Files.writeString(
                dir.resolve("o365watch.yaml"), config(service, "maxEntries: 19\nmaxExtraPercent: 0", """
                selection:
                  categories: [Optimize]
                  families: ipv4
                """));
        Result first = sync(config);
        assertThat(first.code()).as(first.toString()).isZero();
        Map<String, String> before = Trees.hashes(dir.resolve(".generated.releases"));
        // one more Optimize range, apart from the others: 20 prefixes do not go into 19 without more addresses
        service.publish(
                "Worldwide",
                "2019100100",
                Derived.withIp(Fixtures.endpoints("Worldwide", "2019093000"), 1, "20.20.20.0/24"));

        Result r = sync(config);

        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("Worldwide 2019100100, object optimize, IPv4:");
        assertThat(Trees.hashes(dir.resolve(".generated.releases"))).isEqualTo(before);
        Result check = cli.run("check", "--config", config.toString());
        assertThat(check.code()).as(check.toString()).isEqualTo(1);
        assertThat(check.out())
                .contains("sync would refuse Worldwide 2019100100: target edl:")
                .contains("+ 20.20.20.0/24 (Optimize)");
    }

    // ---- plain interval arithmetic on what the files say, sharing no code with o365watch

    record Interval(BigInteger lo, BigInteger hi, int length) {}

    static List<Interval> intervals(String file) {
        List<Interval> out = new ArrayList<>();
        for (String l :
                file.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList()) {
            String[] p = l.split("/");
            int bits = p[0].contains(":") ? 128 : 32;
            int len = Integer.parseInt(p[1]);
            BigInteger lo = new BigInteger(1, Addresses.literal(p[0]));
            out.add(new Interval(
                    lo, lo.add(BigInteger.ONE.shiftLeft(bits - len)).subtract(BigInteger.ONE), len));
        }
        out.sort(Comparator.comparing(Interval::lo));
        return out;
    }

    /** Addresses in the union. */
    static BigInteger size(List<Interval> sorted) {
        BigInteger n = BigInteger.ZERO;
        BigInteger end = BigInteger.ONE.negate();
        for (Interval i : sorted) {
            BigInteger from = i.lo.max(end.add(BigInteger.ONE));
            if (from.compareTo(i.hi) <= 0) {
                n = n.add(i.hi.subtract(from).add(BigInteger.ONE));
            }
            end = end.max(i.hi);
        }
        return n;
    }

    static boolean covers(List<Interval> outer, List<Interval> inner) {
        return inner.stream()
                .allMatch(i -> outer.stream().anyMatch(o -> o.lo.compareTo(i.lo) <= 0 && o.hi.compareTo(i.hi) >= 0));
    }
}
