package io.github.o365watch.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupAndQuotesBecomeReferences() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void controlFormatAndSeparatorCharactersBecomeSpaces() {
        assertThat(Html.escape("a\nb\tc\u0000d\u202ee\u2028f\u007f")).isEqualTo("a b c d e f ");
    }

    @Test
    void linesKeepTheirLineFeedsOnlyWhenAsked() {
        assertThat(Html.escapeLines("one <1>\ntwo\r\n")).isEqualTo("one &lt;1&gt;\ntwo \n");
        assertThat(Html.escape("one\ntwo")).isEqualTo("one two");
    }

    @Test
    void aLoneSurrogateIsReplacedAndAPairKept() {
        assertThat(Html.escape("x\ud800y")).isEqualTo("x\ufffdy");
        assertThat(Html.escape("\ud83d\ude00")).isEqualTo("\ud83d\ude00");
    }
}
