package io.github.o365watch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesOnlyTheCellsThatNeedIt() {
        assertThat(Csv.row(List.of("plain", "a,b", "say \"hi\"", "", "13.107.6.152/31")))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",,13.107.6.152/31\n");
    }

    @Test
    void aCellIsOneLine() {
        assertThat(Csv.row(List.of("two\nlines", "x\r\ny"))).isEqualTo("two lines,x y\n");
    }

    @Test
    void aLeadingFormulaCharacterIsNeutralised() {
        assertThat(Csv.row(List.of("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "a=b")))
                .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),a=b\n");
    }

    @Test
    void aLongCellIsCut() {
        assertThat(Csv.cell("x".repeat(Csv.MAX_CELL + 50))).hasSizeLessThanOrEqualTo(Csv.MAX_CELL + 3);
    }
}
