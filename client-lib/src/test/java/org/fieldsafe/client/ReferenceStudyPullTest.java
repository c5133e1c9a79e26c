package org.fieldsafe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.StoredForm;
import org.fieldsafe.client.sync.Json;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.wire.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the canonical JSON that core produces for the reference study in {@code forms/}:
 * hashes verify, bytes are kept as sent, titles and translation states come out as the model says.
 */
class ReferenceStudyPullTest {
    static final Path STUDY_DIR = Path.of("..", "forms", "beyond-awareness");

    @TempDir
    Path home;

    @Test
    void pull_referenceStudy_storesCanonicalFormsAndListsTheirTitlesAndStates() throws Exception {
        assumeTrue(Files.isRegularFile(STUDY_DIR.resolve("study.yaml")), "reference study present");
        StudyBundle bundle = StudyLoader.load(STUDY_DIR);
        String master = bundle.study().masterLanguage();

        try (FakeServer server = FakeServer.withFixtures();
             FieldsafeClient client = FieldsafeClient.open(home, new FieldsafeClient.Settings(Duration.ofSeconds(2),
                     Duration.ofSeconds(10), Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC)))) {
            List<Manifest.FormEntry> entries = new ArrayList<>();
            for (FormDefinition form : bundle.forms()) {
                String path = "/api/v1/sync/forms/" + form.id() + "/versions/1";
                entries.add(new Manifest.FormEntry(form.id(), form.kind().toString(), 1, form.sha256(), states(form),
                        path));
                server.on("GET", path, FakeServer.authorised(FakeServer.json(200, form.canonicalJson())));
            }
            Manifest manifest = new Manifest(new Manifest.StudyRef(bundle.study().id(), bundle.study().sha256()),
                    "KH-SVR", "dev-7f3a", entries, null, List.of());
            server.on("GET", "/api/v1/sync/manifest",
                    FakeServer.authorised(FakeServer.json(200, Json.mapper().writeValueAsBytes(manifest))));
            server.on("GET", "/api/v1/sync/study",
                    FakeServer.authorised(FakeServer.json(200, bundle.study().canonicalJson())));
            client.enrol(server.uri(), "ABCD-EFGH-JKMN", "laptop-7");

            PullResult result = client.pull();
            List<FormSummary> listed = client.listForms();

            assertThat(result.studyUpdated()).isTrue();
            assertThat(result.pulled()).hasSize(bundle.forms().size());
            assertThat(listed).extracting(FormSummary::formId)
                    .containsExactlyElementsOf(bundle.forms().stream().map(FormDefinition::id).toList());
            for (int i = 0; i < listed.size(); i++) {
                FormDefinition form = bundle.forms().get(i);
                assertThat(listed.get(i).title()).isEqualTo(form.title().get(master));
                assertThat(listed.get(i).kind()).isEqualTo(form.kind().toString());
                assertThat(listed.get(i).languages()).isEqualTo(states(form));
            }
        }
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            for (StoredForm stored : store.forms()) {
                FormDefinition read = FormDefinition.fromCanonicalJson(stored.canonicalJson());
                assertThat(read.sha256()).isEqualTo(stored.sha256());
            }
            assertThat(store.study().orElseThrow().sha256()).isEqualTo(bundle.study().sha256());
        }
    }

    private static Map<String, String> states(FormDefinition form) {
        Map<String, String> states = new LinkedHashMap<>();
        form.languages().forEach((lang, state) -> states.put(lang, state.toString()));
        return states;
    }
}
