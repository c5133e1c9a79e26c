package org.fieldsafe.server.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.server.storage.CompiledForm;
import org.fieldsafe.server.storage.CompiledStudy;
import org.junit.jupiter.api.Test;

/** The adapter from fieldsafe-core's form model to the server's stored values, on the repository's forms. */
class CoreStudySourceTest {
    private static final Path FORMS = Path.of("..", "forms");
    private final CoreStudySource source = new CoreStudySource(FORMS);

    @Test
    void loadAll_repositoryForms_studyAndFormsWithHashesOfTheirCanonicalJson() {
        List<StudyBundleSource.Bundle> bundles = source.loadAll();
        StudyBundleSource.Bundle bundle = bundles.stream().filter(b -> b.study().id().equals("beyond-awareness"))
                .findFirst().orElseThrow();
        assertThat(bundle.study().sha256()).isEqualTo(Digests.sha256Hex(bundle.study().canonicalJson()));
        assertThat(bundle.study().sites()).extracting(CompiledStudy.SiteDirectory::site).contains("KH-SVR");
        assertThat(bundle.forms()).extracting(CompiledForm::formId).contains("consent", "interview");
        for (CompiledForm form : bundle.forms()) {
            assertThat(form.sha256()).isEqualTo(Digests.sha256Hex(form.canonicalJson()));
            assertThat(form.languages()).containsEntry("en", "complete");
        }
    }

    @Test
    void parseForm_validUpload_compiles() {
        CompiledStudy study = source.loadAll().get(0).study();
        CompiledForm form = source.parseForm("""
                id: extra
                kind: consent
                title: {en: "Extra"}
                questions:
                  - {id: agree, type: select_one, label: {en: "Agree?"}, choices: [{id: "yes", label: {en: "Yes"}}]}
                """, "upload", study.canonicalJson(), study.id());
        assertThat(form.formId()).isEqualTo("extra");
        assertThat(form.kind()).isEqualTo("consent");
    }

    @Test
    void parseForm_invalidUpload_messagesNameFileLineAndField() {
        CompiledStudy study = source.loadAll().get(0).study();
        assertThatThrownBy(() -> source.parseForm("id: extra\nkind: consent\nbogus: 1\n", "upload.yaml",
                study.canonicalJson(), study.id()))
                .isInstanceOfSatisfying(FormRejectedException.class, e -> assertThat(e.messages())
                        .anySatisfy(m -> assertThat(m).startsWith("upload.yaml:")));
    }

    @Test
    void loadAll_missingDirectory_rejected() {
        assertThatThrownBy(() -> new CoreStudySource(Path.of("no-such-dir")).loadAll())
                .isInstanceOf(FormRejectedException.class);
    }
}
