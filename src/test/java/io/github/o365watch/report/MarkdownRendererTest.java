package io.github.o365watch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    @Test
    void countColumnsAreAlignedRightAndCodeColumnsInCodeSpans() {
        Doc d = new Doc.Builder("T")
                .add(new Doc.Table(
                        List.of("Host", "Count"), List.of(List.of("a.example.com", "3")), List.of(0), List.of(1)))
                .build();
        assertThat(MarkdownRenderer.render(d))
                .isEqualTo("# T\n\n| Host | Count |\n| --- | --: |\n| `a.example.com` | 3 |\n");
    }

    @Test
    void aDocumentWithoutATitleStartsWithItsFirstBlock() {
        Doc d = new Doc.Builder("").add(new Doc.Heading(2, "s")).build();
        assertThat(MarkdownRenderer.render(d)).isEqualTo("## s\n");
    }

    @Test
    void detailsFenceIsLongerThanAnyBackquoteRunInTheBody() {
        Doc d = new Doc.Builder("")
                .add(new Doc.Details("out <1>", "a ```` b\nc"))
                .build();
        assertThat(MarkdownRenderer.render(d))
                .isEqualTo("<details><summary>out &lt;1&gt;</summary>\n\n`````\na ```` b\nc\n`````\n\n</details>\n");
    }

    @Test
    void cellTextCannotOpenALinkATagOrACell() {
        Doc d = new Doc.Builder("")
                .add(new Doc.Table(List.of("x"), List.of(List.of("[a](http://b) <i>|")), List.of()))
                .build();
        assertThat(MarkdownRenderer.render(d)).contains("| \\[a\\](http://b) &lt;i&gt;\\| |");
    }

    @Test
    void textAndHtmlRenderDetailsToo() {
        Doc d = new Doc.Builder("T").add(new Doc.Details("sum", "l1\n<l2>")).build();
        assertThat(TextRenderer.render(d)).endsWith("\nsum\n    l1\n    <l2>\n");
        assertThat(HtmlRenderer.fragment(d))
                .contains("<details><summary>sum</summary>\n<pre>l1\n&lt;l2&gt;</pre>\n</details>\n");
    }
}
