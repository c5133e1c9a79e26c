package org.fieldsafe.server.cli.xlsform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormValidationException;
import org.fieldsafe.core.forms.FormsFixtures;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * YAML -> XLSForm -> YAML keeps every form's canonical hash (texts of every language, translation states, probes,
 * sensitivity, disclosure rules, expressions): the reference study and each fixture study.
 */
class XlsFormRoundTripTest {
    private static final Path[] STUDIES = {
            Path.of("..", "forms", "beyond-awareness"),
            Path.of("src", "test", "resources", "fixtures", "forms", "test-study"),
            Path.of("..", "core", "src", "test", "resources", "fixtures", "forms", "valid-study")};

    @TempDir
    Path tmp;

    static Stream<Arguments> forms() throws FormValidationException {
        Stream.Builder<Arguments> out = Stream.builder();
        for (Path study : STUDIES) {
            for (FormDefinition form : StudyLoader.load(study).forms()) {
                out.add(Arguments.of(study, form.id()));
            }
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void roundTrip_everyFormOfTheReferenceAndFixtureStudies_keepsTheHash(Path source, String formId)
            throws Exception {
        Path study = tmp.resolve("study");
        FormsFixtures.copy(source, study);
        StudyBundle before = StudyLoader.load(study);
        FormDefinition original = before.form(formId).orElseThrow();
        byte[] xlsx = new XlsFormWriter(before.study()).write(original);

        XlsFormImport.Plan plan = XlsFormImport.plan(new ByteArrayInputStream(xlsx), before, study);
        assertThat(plan.replaced()).isTrue();
        assertThat(plan.form().sha256()).isEqualTo(original.sha256());
        write(plan.files());

        StudyBundle after = StudyLoader.load(study);
        assertThat(after.form(formId).orElseThrow().sha256()).isEqualTo(original.sha256());
        for (FormDefinition other : before.forms()) {
            assertThat(after.form(other.id()).orElseThrow().sha256()).as(other.id()).isEqualTo(other.sha256());
        }
    }

    private static void write(Map<Path, String> files) throws IOException {
        for (Map.Entry<Path, String> e : files.entrySet()) {
            Files.createDirectories(e.getKey().getParent());
            Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
        }
    }
}
