package org.fieldsafe.core.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the CSV translation importer, {@link TranslationTemplates#fromCsv} (docs/testing.md, "Fuzzing"): any text
 * is a template or an {@link IOException} (its documented refusal), never another exception, and a template reads
 * the same way twice. Seeds: templates the exporter wrote.
 */
class CsvImportFuzzTest {

    @FuzzTest(maxDuration = "15s")
    @Timeout(60)
    void fromCsv(byte[] input) throws IOException {
        String csv = new String(input, StandardCharsets.UTF_8);
        Map<String, String> read;
        try {
            read = TranslationTemplates.fromCsv(csv);
        } catch (IOException refused) {
            return;
        }
        assertThat(TranslationTemplates.fromCsv(csv)).isEqualTo(read);
    }
}
