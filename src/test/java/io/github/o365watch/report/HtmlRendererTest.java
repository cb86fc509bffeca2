package io.github.o365watch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the HTML report marks what must not break: each address, each hostname with its break points
 * after dots, and nothing else; the browser test ({@code cli.HtmlReportLayoutTest}) checks what
 * Chromium draws from it.
 */
class HtmlRendererTest {

    @Test
    void addressesAreKeptWholeWithTheirPunctuationOutside() {
        assertThat(HtmlRenderer.text("IPv6 2603:1006:1400::/40, 13.107.6.152/31; (2603:1020:600::1f0/128) 2603:1006::"))
                .isEqualTo(
                        "IPv6 <span class=\"addr\">2603:1006:1400::/40</span>, <span class=\"addr\">13.107.6.152/31</span>; "
                                + "(<span class=\"addr\">2603:1020:600::1f0/128</span>) <span class=\"addr\">2603:1006::</span>");
    }

    @Test
    void hostnamesMayBreakAfterADotOnly() {
        assertThat(HtmlRenderer.text("URL *-files.sharepoint.com, cus-000.tasks.osi.office.net."))
                .isEqualTo("URL <span class=\"host\">*-files.<wbr/>sharepoint.<wbr/>com</span>, "
                        + "<span class=\"host\">cus-000.<wbr/>tasks.<wbr/>osi.<wbr/>office.<wbr/>net</span>.");
    }

    @Test
    void otherWordsAndNumbersAreLeftToTheBrowser() {
        String prose =
                "moved from set 78 (Default) to set 46: 1,026 addresses, version 2019112700, 2019-10-30, 1.5 split-tunnel.";
        assertThat(HtmlRenderer.text(prose)).isEqualTo(HtmlRenderer.esc(prose)).doesNotContain("<span", "<wbr");
    }

    @Test
    void markupInAWordIsEscapedAndNeverMarked() {
        assertThat(HtmlRenderer.text("<b>a.example.com</b> x.com\"onmouseover=1 2603::/40<script>"))
                .isEqualTo("&lt;b&gt;a.example.com&lt;/b&gt; x.com&quot;onmouseover=1 2603::/40&lt;script&gt;");
    }

    @Test
    void everyTableScrollsInItsOwnBox() {
        String html = HtmlRenderer.fragment(new Doc(
                "t",
                List.of(new Doc.Table(
                        List.of("Set", "Entry"), List.of(List.of("1", "URL a.example.com")), List.of(1)))));
        assertThat(html)
                .contains(
                        "<div class=\"scroll\">\n<table>",
                        "</table>\n</div>\n",
                        "<td><code>URL <span class=\"host\">a.<wbr/>example.<wbr/>com</span></code></td>");
    }
}
