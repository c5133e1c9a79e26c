package org.fieldsafe.core.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the referral-directory parser, {@link StudyLoader#parseDirectory} (docs/testing.md, "Fuzzing"): any text
 * is a directory or a {@link FormValidationException}, never another exception, and parses the same way twice.
 */
class DirectoryYamlFuzzTest {
    private static Study study;

    @BeforeAll
    static void study() throws Exception {
        study = StudyLoader.load(StudyLoaderTest.VALID).study();
    }

    @FuzzTest(maxDuration = "15s")
    @Timeout(60)
    void parseDirectory(byte[] input) throws FormValidationException {
        String text = new String(input, StandardCharsets.UTF_8);
        ReferralDirectory directory;
        try {
            directory = StudyLoader.parseDirectory(text, "fuzz.yaml", study);
        } catch (FormValidationException refused) {
            assertThat(refused.problems()).isNotEmpty();
            return;
        }
        assertThat(StudyLoader.parseDirectory(text, "fuzz.yaml", study)).isEqualTo(directory);
    }
}
