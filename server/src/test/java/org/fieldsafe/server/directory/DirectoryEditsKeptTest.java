package org.fieldsafe.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.fieldsafe.core.forms.ReferralDirectory;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.storage.CompiledStudy;
import org.junit.jupiter.api.Test;

/** Reloading study.yaml keeps a site's directory edited through the API, unless the file's version is newer. */
class DirectoryEditsKeptTest {

    @Test
    void keepEdits_storedNewerDirectoryWins_newerFileWins_noEditKeepsFile() throws Exception {
        Study files = StudyLoader.load(TestApp.FIXTURE_FORMS.resolve(TestApp.STUDY)).study();
        ReferralDirectory fileDirectory = files.site("KH-SVR").orElseThrow().directory();
        ReferralDirectory edited = new ReferralDirectory(fileDirectory.version() + 1,
                fileDirectory.services().subList(0, 1));
        CompiledStudy fromFiles = CompiledStudy.of(files);
        CompiledStudy stored = CompiledStudy.of(files.withDirectory("KH-SVR", edited));

        CompiledStudy kept = DirectoryEditor.keepEdits(fromFiles, stored);
        Study keptStudy = Study.fromCanonicalJson(kept.canonicalJson().getBytes(StandardCharsets.UTF_8));
        assertThat(keptStudy.site("KH-SVR").orElseThrow().directory()).isEqualTo(edited);
        assertThat(keptStudy.site("BD-DHK").orElseThrow().directory())
                .isEqualTo(files.site("BD-DHK").orElseThrow().directory());
        assertThat(kept.sha256()).isEqualTo(stored.sha256());

        assertThat(DirectoryEditor.keepEdits(fromFiles, fromFiles)).isSameAs(fromFiles);
        assertThat(DirectoryEditor.keepEdits(fromFiles, null)).isSameAs(fromFiles);

        ReferralDirectory newerFile = new ReferralDirectory(edited.version() + 1, fileDirectory.services());
        CompiledStudy filesAhead = CompiledStudy.of(files.withDirectory("KH-SVR", newerFile));
        assertThat(DirectoryEditor.keepEdits(filesAhead, stored)).isSameAs(filesAhead);
    }
}
