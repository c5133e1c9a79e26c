package org.fieldsafe.server.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling ODK Central's CSV zip from KoboToolbox's CSV export by their columns, without a server. */
class ExportArchiveTest {
    @TempDir
    Path dir;

    @Test
    void read_koboCommaSeparatedWithQuotedLineBreak_detectedAsKobo() throws Exception {
        Path csv = dir.resolve("kobo.csv");
        Files.writeString(csv, "q_meaning,_id,_uuid,_submission_time\n\"two, lines\nof text\",1,abc,2024-06-10T04:01:12\n");
        ExportArchive.Read read = ExportArchive.read(csv);
        assertThat(read.kind()).isEqualTo(ExportArchive.Kind.KOBO);
        assertThat(read.main().rows()).hasSize(1);
        assertThat(read.main().rows().get(0).number()).isEqualTo(2);
        assertThat(read.main().rows().get(0).cells().get(0)).isEqualTo("two, lines\nof text");
    }

    @Test
    void read_centralZipWithRepeatTable_mainAndRepeatApart() throws Exception {
        Path zip = dir.resolve("central.zip");
        OdkImportFixtures.zip(zip, Map.of(
                "form.csv", "SubmissionDate,q,meta-instanceID,KEY\n2024-05-02T09:14:07.512Z,a,uuid:1,uuid:1\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "form-people.csv", "name,PARENT_KEY,KEY\nb,uuid:1,uuid:1/people[1]\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ExportArchive.Read read = ExportArchive.read(zip);
        assertThat(read.kind()).isEqualTo(ExportArchive.Kind.CENTRAL);
        assertThat(read.main().file()).isEqualTo("form.csv");
        assertThat(read.others()).extracting(ExportTable::file).containsExactly("form-people.csv");
    }

    @Test
    void read_neitherExport_namesTheFile() throws IOException {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "a;b\n1;2\n");
        assertThatThrownBy(() -> ExportArchive.read(csv)).isInstanceOfSatisfying(ImportProblems.class,
                e -> assertThat(e.problems()).singleElement().asString().startsWith("other.csv: neither an ODK"
                        + " Central CSV zip").contains("_uuid"));
    }

    @Test
    void instant_koboWithoutOffsetReadAsUtc_centralWithMillis() {
        assertThat(RowMapping.instant("2024-06-10T04:01:12")).hasToString("2024-06-10T04:01:12Z");
        assertThat(RowMapping.instant("2024-05-02T09:14:07.512Z")).hasToString("2024-05-02T09:14:07Z");
        assertThat(RowMapping.instant("02/05/2024")).isNull();
    }
}
