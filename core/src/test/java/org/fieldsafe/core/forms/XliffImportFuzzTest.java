package org.fieldsafe.core.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the XLIFF translation importer, {@link TranslationTemplates#fromXliff} (docs/testing.md, "Fuzzing"): any
 * text is a template or an {@link IOException} (its documented refusal), never another exception, and a template
 * reads the same way twice. Seeds: templates the exporter wrote.
 */
class XliffImportFuzzTest {

    @FuzzTest(maxDuration = "15s")
    @Timeout(60)
    void fromXliff(byte[] input) throws IOException {
        String xml = new String(input, StandardCharsets.UTF_8);
        TranslationTemplates.XliffTemplate read;
        try {
            read = TranslationTemplates.fromXliff(xml);
        } catch (IOException refused) {
            return;
        }
        assertThat(read.formId()).isNotNull();
        assertThat(read.targetLanguage()).isNotNull();
        assertThat(TranslationTemplates.fromXliff(xml)).isEqualTo(read);
    }
}
