package org.fieldsafe.core.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the YAML form parser, {@link StudyLoader#parseForm} (docs/testing.md, "Fuzzing"): any text is a form or a
 * {@link FormValidationException} - never another exception - and a text that parses parses the same way twice.
 * Seeds: the valid fixture study's forms and two broken fixtures.
 */
class FormYamlFuzzTest {
    private static Study study;

    @BeforeAll
    static void study() throws Exception {
        study = StudyLoader.load(StudyLoaderTest.VALID).study();
    }

    @FuzzTest(maxDuration = "15s")
    @Timeout(60)
    void parseForm(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        FormDefinition form;
        try {
            form = StudyLoader.parseForm(yaml, "fuzz.yaml", study);
        } catch (FormValidationException refused) {
            assertThat(refused.problems()).isNotEmpty();
            return;
        }
        try {
            assertThat(StudyLoader.parseForm(yaml, "fuzz.yaml", study)).isEqualTo(form);
        } catch (FormValidationException e) {
            throw new AssertionError("parsed once, refused the second time", e);
        }
    }
}
