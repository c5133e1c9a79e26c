package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowRendererTest {

    @Test
    void safe_textAnswersASpreadsheetWouldRunAsFormulasAreQuoted() {
        assertThat(CsvLines.safe("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(CsvLines.safe("+1 for the village")).isEqualTo("'+1 for the village");
        assertThat(CsvLines.safe("-2 people left")).isEqualTo("'-2 people left");
        assertThat(CsvLines.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvLines.safe("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvLines.safe("\r=1")).isEqualTo("'\r=1");
    }

    @Test
    void line_everyCellOfEveryColumnMadeSafe_plainNumbersKept() {
        CsvLines lines = new CsvLines(List.of("a", "b", "c", "d", "e"));
        assertThat(new String(lines.line("=1+1", "-5", "+2.5", "@x", "-2+3"), StandardCharsets.UTF_8))
                .isEqualTo("\"'=1+1\",-5,\"+2.5\",\"'@x\",\"'-2+3\"\n");
    }

    @Test
    void lines_sameBytesAsEachLineInTurn() {
        CsvLines lines = new CsvLines(List.of("a", "b", "c"));
        List<String[]> rows = List.of(new String[] {"=1+1", "-5", null}, new String[] {"", "two\nlines", "a \"quote\""},
                new String[] {"comma, inside", "ต้องสร้าง", "\r=1"}, new String[] {"x", "y", "z"});
        java.io.ByteArrayOutputStream each = new java.io.ByteArrayOutputStream();
        for (String[] r : rows) {
            each.writeBytes(lines.line(r));
        }
        assertThat(lines.lines(rows)).isEqualTo(each.toByteArray());
        assertThat(lines.lines(List.of())).isEmpty();
    }

    @Test
    void safe_otherTextNumbersAndChoiceListsUnchanged() {
        assertThat(CsvLines.safe("They said a = b")).isEqualTo("They said a = b");
        assertThat(CsvLines.safe("")).isEmpty();
        assertThat(RowRenderer.text(null)).isEmpty();
        assertThat(CsvLines.safe(RowRenderer.text(-5))).isEqualTo("-5");
        assertThat(RowRenderer.text(List.of("work", "debt"))).isEqualTo("work debt");
    }

    @Test
    void longCsv_quotesFormulaAnswersButJsonLinesKeepThemAsSaid() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("q_meaning", "=1+1");
        answers.put("age", "25-34");
        ExportRow row = new ExportRow("I-1", "R-1", "KH-SVR", "RH", "interview", 1, "en", "2026-03", "g", answers);
        String csv = new String(new RowRenderer.LongCsv().render(row), StandardCharsets.UTF_8);
        assertThat(csv).contains("'=1+1").doesNotContain(",=1+1").doesNotContain("\"=1+1").contains("age,en,25-34");
        String jsonl = new String(new RowRenderer.Jsonl().render(row), StandardCharsets.UTF_8);
        assertThat(jsonl).contains("\"q_meaning\":\"=1+1\"");
    }
}
