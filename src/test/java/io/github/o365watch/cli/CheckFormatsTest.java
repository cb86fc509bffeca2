package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.Golden;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * check's report in every format, for one situation that has everything: a hand-edited file, an
 * announced addition due within the grace period, and an output whose comments alone change.
 * Golden files, each rendered twice.
 */
class CheckFormatsTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path dir;

    Nightly sync;

    @BeforeEach
    void setUp() throws IOException {
        sync = new Nightly(wm, dir);
        sync.service.publish("Worldwide", SyncTest.A);
        assertThat(sync.sync().code()).isZero();
        Path edited = sync.output("worldwide/edl/o365-optimize-url.txt");
        Files.writeString(edited, Files.readString(edited) + "intranet.example.com\n");
        sync.publishAnnouncedAddition("20261130");
    }

    Result twice(String... args) {
        Result first = sync.check(args);
        Result second = sync.check(args);
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(first.code()).as(first.toString()).isEqualTo(1);
        return first;
    }

    @Test
    void text() {
        Golden.assertMatches("check/not-current.txt", twice().out());
    }

    @Test
    void json() throws IOException {
        String out = twice("--format", "json").out();
        JsonNode n = new ObjectMapper().readTree(out);
        assertThat(n.path("current").asBoolean()).isFalse();
        Golden.assertMatches("check/not-current.json", out);
    }

    @Test
    void junitIsValidXmlWithOneTestCasePerOutput() throws Exception {
        String out = twice("--format", "junit").out();
        Document d =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(out)));
        Element suite = d.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        NodeList cases = suite.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            names.add(c.getAttribute("name"));
            if (c.getElementsByTagName("failure").getLength() > 0) {
                failed.add(c.getAttribute("name"));
            }
        }
        assertThat(names).containsExactly("worldwide/edl", "worldwide/nftables", "worldwide/pac");
        assertThat(failed).containsExactly("worldwide/edl", "worldwide/nftables");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        Golden.assertMatches("check/not-current.junit.xml", out);
    }

    @Test
    void githubAnnotationsAndStepSummary() throws IOException {
        Path summary = dir.resolve("step-summary.md");
        Files.writeString(summary, "earlier step\n");
        sync.cli.env("GITHUB_STEP_SUMMARY", summary.toString());

        Result r = sync.check("--format", "github");

        assertThat(r.code()).isEqualTo(1);
        for (String line : r.out().split("\n")) {
            assertThat(line).matches("::(error|warning|notice)( [a-z]+=[^:,]*(,[a-z]+=[^:,]*)*)?::[^\\r]*");
        }
        Golden.assertMatches("check/not-current.github.txt", r.out());
        String md = Files.readString(summary);
        assertThat(md).startsWith("earlier step\n## o365watch check: not current\n");
        Golden.assertMatches("check/not-current.summary.md", md.substring("earlier step\n".length()));
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Result r = sync.check("--format", "xml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("o365watch: Invalid value for option '--format': 'xml' is not text, json, junit or github\n"
                        + "Try 'o365watch check --help' for more information.\n");
    }
}
