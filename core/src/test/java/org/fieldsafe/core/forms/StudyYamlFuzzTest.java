package org.fieldsafe.core.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the study parser (docs/testing.md, "Fuzzing"): any text as study.yaml beside the fixture study's forms
 * loads or is a {@link FormValidationException}, never another exception, and loads the same way twice.
 */
class StudyYamlFuzzTest {
    private static Path dir;

    @BeforeAll
    static void folder() throws IOException {
        dir = Files.createTempDirectory("study-yaml-fuzz");
        for (String form : new String[] {"consent.yaml", "interview.yaml"}) {
            Files.copy(StudyLoaderTest.VALID.resolve(form), dir.resolve(form));
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "15s")
    @Timeout(60)
    void loadStudy(byte[] input) throws IOException, FormValidationException {
        Files.write(dir.resolve("study.yaml"), input);
        StudyBundle bundle;
        try {
            bundle = StudyLoader.load(dir);
        } catch (FormValidationException refused) {
            assertThat(refused.problems()).isNotEmpty();
            return;
        }
        assertThat(StudyLoader.load(dir)).isEqualTo(bundle);
    }
}
