package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.Browser;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTML report as Chromium draws it (see {@link Browser}), from reports of real published
 * versions with long tokens: IPv6 prefixes, hostnames of 65 characters, the Flags, Pending and
 * cross-check tables and both charts. On a laptop (1280 px) and a phone (400 px): the page never
 * scrolls sideways, every table cell's text stays in its cell, addresses never break, hostnames
 * break only after a dot, and chart labels are readable ({@code browser/layout.js} lists each
 * problem). Printed: laid out for A4 nothing needs scrolling, and the PDF Chromium prints is A4,
 * with every word of the report on the paper (none cut off at a box's or the page's edge) and every
 * address and hostname whole, as poppler's {@code pdftotext} reads them back.
 */
class HtmlReportLayoutTest {
    /** A4 less the 12 mm margins of the report's {@code @page} rule, in CSS pixels (96 per inch). */
    static final int A4_CONTENT_PX = (int) Math.floor((210 - 2 * 12) / 25.4 * 96);

    static final double A4_WIDTH_PT = 210 / 25.4 * 72;
    static final double A4_HEIGHT_PT = 297 / 25.4 * 72;

    static final Pattern ADDRESS = Pattern.compile(
            "^(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})(?:/\\d{1,3})?$",
            Pattern.CASE_INSENSITIVE);
    static final Pattern HOSTNAME =
            Pattern.compile("^(?=.*[a-z*])[a-z0-9*_-]+(?:\\.[a-z0-9*_-]+)+$", Pattern.CASE_INSENSITIVE);

    @TempDir
    static Path tmp;

    static Browser browser;
    static String layoutScript;
    static Path reports;

    /** The reports, by name: an instance and a range of versions. */
    static final List<String> REPORTS = List.of(
            "Worldwide 2019082800 2019093000", // change records: Pending and the cross-check
            "Worldwide 2019072900 2019112700", // the Flags table, 48 IPv6 prefixes newly listed
            "USGovDoD 2019062800 2019072900", // hostnames of 65 characters
            "Worldwide 2018063000 2019112700"); // every fixture: the longest tables and history

    @BeforeAll
    static void reportsAndBrowser() throws IOException {
        Path store = tmp.resolve("store");
        SnapshotStore s = new SnapshotStore(store);
        List<ChangeRecord> records = WireFormat.changes(Fixtures.resource("upstream/worldwide-changes.json"), "test");
        for (String v : Fixtures.WORLDWIDE) {
            Optional<List<ChangeRecord>> fetched = v.equals("2019082800") || v.equals("2019093000")
                    ? Optional.of(records.stream()
                            .filter(r -> r.version().value().equals(v))
                            .toList())
                    : Optional.empty();
            s.put(Fixtures.snapshot("Worldwide", v), fetched, "00".repeat(32));
        }
        for (String v : List.of("2019062800", "2019072900")) {
            s.put(Fixtures.snapshot("USGovDoD", v), Optional.empty(), "00".repeat(32));
        }
        // a day when the additions of 2019093000 are still pending, so the Pending table is there
        TestCli cli = new TestCli(tmp.resolve("machine")).clock(Instant.parse("2019-10-15T09:00:00Z"));
        reports = tmp.resolve("reports");
        for (String report : REPORTS) {
            String[] r = report.split(" ");
            Result result = cli.run(
                    "report",
                    "--store",
                    store.toString(),
                    "--instance",
                    r[0],
                    "--from",
                    r[1],
                    "--to",
                    r[2],
                    "--format",
                    "html",
                    "--out",
                    file(report).toString());
            assertThat(result.code()).as(result.toString()).isZero();
        }
        assertThat(Files.readString(file(REPORTS.get(1))))
                .as("the report the issue describes has flags")
                .contains("<h2>Flags</h2>");
        assertThat(Files.readString(file(REPORTS.get(0)))).contains("<h2>Pending</h2>");
        assertThat(Files.readString(file(REPORTS.get(2)))).contains("endpoint1-proddodcecompsvc-dodc.");

        layoutScript = new String(Fixtures.resource("browser/layout.js"), StandardCharsets.UTF_8);
        browser = Browser.start(tmp.resolve("profile"));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    static Path file(String report) {
        return reports.resolve(report.replace(' ', '-') + ".html");
    }

    static Stream<Arguments> onScreen() {
        return REPORTS.stream().flatMap(r -> Stream.of(Arguments.of(r, 1280), Arguments.of(r, 400)));
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @MethodSource
    void onScreen(String report, int width) {
        browser.layout(width, 900, false);
        browser.open(file(report));
        assertThat(browser.problems(layoutScript, false))
                .as("layout problems at %d px", width)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void laidOutForA4NothingScrollsOrSpills(String report) {
        browser.layout(A4_CONTENT_PX, 1100, true);
        browser.open(file(report));
        assertThat(browser.problems(layoutScript, true))
                .as("layout problems printed %d px wide", A4_CONTENT_PX)
                .isEmpty();
    }

    static List<String> reports() {
        return REPORTS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void printsOnA4WithEveryAddressAndHostnameWhole(String report) throws IOException {
        browser.open(file(report));
        Path pdf = Files.write(tmp.resolve(file(report).getFileName() + ".pdf"), browser.pdf());
        Pdf printed = Pdf.read(pdf);

        assertThat(printed.pages()).as("pages").isNotEmpty();
        assertThat(printed.pages()).allSatisfy(p -> {
            assertThat(p.width())
                    .as("A4 width in points")
                    .isCloseTo(A4_WIDTH_PT, org.assertj.core.data.Offset.offset(1.0));
            assertThat(p.height())
                    .as("A4 height in points")
                    .isCloseTo(A4_HEIGHT_PT, org.assertj.core.data.Offset.offset(1.0));
        });
        assertThat(printed.words())
                .as("words outside the paper")
                .allSatisfy(w -> assertThat(w.xMin() >= 0 && w.xMax() <= A4_WIDTH_PT + 0.5)
                        .as("%s at x %.1f..%.1f", w.text(), w.xMin(), w.xMax())
                        .isTrue());

        Set<String> words = new LinkedHashSet<>();
        Map<String, Integer> onPaper = new HashMap<>();
        for (Pdf.Word w : printed.words()) {
            words.add(w.text().replaceAll("^[(]+|[),;:]+$", ""));
            onPaper.merge(unbreakable(w.text()), 1, Integer::sum);
        }
        String text = text(Files.readString(file(report)));
        Map<String, Integer> inReport = new HashMap<>();
        for (String w : text.split("\\s+")) {
            inReport.merge(unbreakable(w), 1, Integer::sum);
        }
        inReport.remove("");
        List<String> lost = new ArrayList<>();
        inReport.forEach((w, n) -> {
            if (onPaper.getOrDefault(w, 0) < n) {
                lost.add(w + " (" + n + " in the report, " + onPaper.getOrDefault(w, 0) + " on paper)");
            }
        });
        assertThat(lost).as("words of the report cut off or broken on paper").isEmpty();

        List<String> missing = new ArrayList<>();
        for (String token : tokens(text)) {
            if (ADDRESS.matcher(token).matches()) {
                if (!words.contains(token)) {
                    missing.add(token);
                }
            } else {
                // a hostname may continue on the next line after a dot, never elsewhere
                for (String part : token.split("(?<=\\.)")) {
                    if (words.stream().noneMatch(w -> w.contains(part))) {
                        missing.add(token + " (" + part + ")");
                        break;
                    }
                }
            }
        }
        assertThat(missing).as("addresses and hostnames not printed whole").isEmpty();
    }

    /** The report's text as a reader sees it, without its charts. */
    static String text(String html) {
        return html.replaceAll("(?s)<head>.*?</head>|<svg.*?</svg>", " ")
                .replace("<wbr/>", "")
                .replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** A word without its punctuation when nothing inside it may break (letters and digits, or an address), else "". */
    static String unbreakable(String word) {
        String w = word.replaceAll("^[(\"']+|[)\"',;:.]+$", "");
        return w.matches("[\\p{L}\\p{N}]+") || ADDRESS.matcher(w).matches() ? w : "";
    }

    /** The addresses and hostnames in the report's text. */
    static Set<String> tokens(String text) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String raw : text.split("\\s+")) {
            String t = raw.replaceAll("^[(]+|[),;]+$", "");
            if (!ADDRESS.matcher(t).matches()) {
                t = t.replaceAll("[.:]+$", "");
            }
            if (ADDRESS.matcher(t).matches() || HOSTNAME.matcher(t).matches()) {
                tokens.add(t);
            }
        }
        return tokens;
    }

    /** The pages and words of a PDF, with their boxes in points, as poppler's {@code pdftotext -bbox} reads them. */
    record Pdf(List<Page> pages, List<Word> words) {
        record Page(double width, double height) {}

        record Word(String text, double xMin, double xMax) {}

        static final Pattern PAGE = Pattern.compile("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">");
        static final Pattern WORD = Pattern.compile(
                "<word xMin=\"([0-9.-]+)\" yMin=\"[0-9.-]+\" xMax=\"([0-9.-]+)\" yMax=\"[0-9.-]+\">([^<]*)</word>");

        static Pdf read(Path pdf) {
            Path pdftotext = Tools.require("pdftotext");
            Tools.Run run =
                    Tools.run(List.of(pdftotext.toString(), "-bbox", "-enc", "UTF-8", pdf.toString(), "-"), null);
            assertThat(run.code()).as(run.out()).isZero();
            List<Page> pages = new ArrayList<>();
            Matcher p = PAGE.matcher(run.out());
            while (p.find()) {
                pages.add(new Page(Double.parseDouble(p.group(1)), Double.parseDouble(p.group(2))));
            }
            List<Word> words = new ArrayList<>();
            Matcher w = WORD.matcher(run.out());
            while (w.find()) {
                words.add(new Word(
                        w.group(3)
                                .replace("&amp;", "&")
                                .replace("&lt;", "<")
                                .replace("&gt;", ">")
                                .replace("&quot;", "\""),
                        Double.parseDouble(w.group(1)),
                        Double.parseDouble(w.group(2))));
            }
            return new Pdf(pages, words);
        }
    }
}
