package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.json.JsonMappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 point 2: files Excel users open right - the UTF-8 BOM CSV and the streamed XLSX. */
class ExcelFilesTest {
    private static final StudyBundle STUDY = ExportFixtures.bundle();
    private static final KeyPairBytes KEY = StudyKeys.generateX25519();

    @TempDir
    Path dir;

    private ExportManifest export() throws Exception {
        ExportFixtures.Generated data = SyntheticStudy.generate(STUDY, KEY, StudyKeys.generateX25519(), 7);
        return new Exporter(STUDY.study(), ExportFixtures.forms(STUDY), Clock.systemUTC(), 2).run(
                new ExportRequest("beyond-awareness", Set.of(ExportFormat.WIDE_CSV, ExportFormat.WIDE_CSV_BOM,
                        ExportFormat.XLSX), "en", null, false),
                ExportFixtures.listSource(data.submissions()), KEY.fingerprint(), KEY.privateKey(),
                new DirectorySink(dir.resolve("out")), dir.resolve("work"), ExportProgress.NONE);
    }

    private List<Map<String, String>> wide() throws Exception {
        try (MappingIterator<Map<String, String>> it = JsonMappers.csv().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(dir.resolve("out/export-wide.csv").toFile())) {
            return it.readAll();
        }
    }

    @Test
    void bomCsv_startsWithEfBbBf_thenTheWideCsv() throws Exception {
        ExportManifest m = export();
        byte[] bom = Files.readAllBytes(dir.resolve("out/export-wide-bom.csv"));
        byte[] plain = Files.readAllBytes(dir.resolve("out/export-wide.csv"));
        assertThat(bom).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(java.util.Arrays.copyOfRange(bom, 3, bom.length)).isEqualTo(plain);
        assertThat(m.files()).containsKeys("export-wide-bom.csv", "export-wide.xlsx", "export-wide.do",
                "export-wide.sps", "export-wide.r");
    }

    @Test
    void xlsx_opensWithPoi_sameCellsAsTheCsv_khmerIntact() throws Exception {
        export();
        List<Map<String, String>> csv = wide();
        try (InputStream in = Files.newInputStream(dir.resolve("out/export-wide.xlsx"));
             XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(csv.size());
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(header).containsExactlyElementsOf(csv.get(0).keySet());
            int meaning = header.indexOf("q_meaning");
            int khmerRows = 0;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                assertThat(row.getCell(meaning).getStringCellValue()).isEqualTo(csv.get(r - 1).get("q_meaning"));
                if (row.getCell(meaning).getStringCellValue().contains("ការងារ")) {
                    khmerRows++;
                }
            }
            assertThat(khmerRows).isPositive();
        }
    }
}
