package org.fieldsafe.core.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Each file under fixtures/forms/broken has one defect. {@code form-*} files are added to a copy of the valid
 * study as an extra form, {@code study-*} replace its study.yaml and {@code translations-*} its bn overlay.
 * expectations.csv names the file, line, field and a fragment of the message of the first problem expected;
 * later problems may follow from the first (a duplicate category also makes its targets unknown).
 */
class BrokenFixturesTest {
    static final Path BROKEN = Path.of("src", "test", "resources", "fixtures", "forms", "broken");

    @TempDir
    Path tmp;

    static Path install(String fixture, Path dir) throws IOException {
        FormsFixtures.copy(StudyLoaderTest.VALID, dir);
        Path source = BROKEN.resolve(fixture);
        Path target;
        if (fixture.startsWith("study-")) {
            target = dir.resolve("study.yaml");
        } else if (fixture.startsWith("translations-")) {
            target = dir.resolve("translations").resolve("bn.yaml");
        } else {
            target = dir.resolve(fixture);
        }
        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/fixtures/forms/broken/expectations.csv", numLinesToSkip = 1)
    void load_brokenFixture_namesFileLineAndField(String fixture, int line, String field, String message)
            throws IOException {
        Path dir = tmp.resolve("study");
        Path file = install(fixture, dir);
        assertThatThrownBy(() -> StudyLoader.load(dir))
                .isInstanceOfSatisfying(FormValidationException.class, e -> {
                    FormProblem p = e.problems().get(0);
                    assertThat(p.file()).isEqualTo(file.toString());
                    assertThat(p.line()).as(p.toString()).isEqualTo(line);
                    assertThat(p.field()).as(p.toString()).isEqualTo(field == null ? "" : field);
                    assertThat(p.message()).as(p.toString()).contains(message);
                    assertThat(e.getMessage()).startsWith(p.toString());
                });
    }

    @Test
    void expectations_coverEveryBrokenFile() throws IOException {
        List<String> lines = Files.readAllLines(BROKEN.resolve("expectations.csv"));
        try (Stream<Path> files = Files.list(BROKEN)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).toList();
            for (String name : names) {
                assertThat(lines).as(name).anyMatch(l -> l.startsWith(name + ","));
            }
        }
    }
}
