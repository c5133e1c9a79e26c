package org.fieldsafe.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.forms.FormsFixtures;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.TranscriptSave;
import org.fieldsafe.export.ExportFilter;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.SealedEnvelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.export.StoredSealedSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention of research data: the fixture study with {@code retention.research_days: 3650}; a submission with a
 * recording, a transcript in two versions and a translation, the clock moved past ten years, one run: no version and
 * no sealed byte is left in the data directory, the export, progress and the transcription queue leave it out, no
 * withdrawal is recorded, and the job's status and audit count it; an ODK Collect submission of then loses its files
 * and wrapped key too. A younger submission keeps everything.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ResearchRetentionIntegrationTest {
    private static final TestApp APP = TestApp.onForms(formsWithResearchDays());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final Map<String, String> PASSWORDS = new HashMap<>();
    /** Test text written for this test (Khmer: "she went to work in Thailand"). */
    private static final String KHMER = "[00:00:05] នាងបានទៅធ្វើការនៅប្រទេសថៃ retention-marker-K1";
    private static final String KHMER_CORRECTED = KHMER + " ជាមួយបងប្រុស retention-marker-K2";
    private static final String ENGLISH = "[00:00:05] She went to work in Thailand, retention-marker-E1";

    /** The fixture forms, with research_days added to the study's retention. */
    private static Path formsWithResearchDays() {
        try {
            Path root = Files.createTempDirectory("fieldsafe-research-retention");
            Path study = root.resolve(TestApp.STUDY);
            FormsFixtures.copy(TestApp.FIXTURE_FORMS.resolve(TestApp.STUDY), study);
            Path yaml = study.resolve("study.yaml");
            String text = Files.readString(yaml);
            String changed = text.replace("retention: {identity_days: 1825}",
                    "retention: {identity_days: 1825, research_days: 3650}");
            if (changed.equals(text)) {
                throw new IllegalStateException("the fixture study's retention line changed");
            }
            Files.writeString(yaml, changed);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        person("r-km", "transcriber", List.of("KH-SVR"), List.of("km"));
        person("r-en", "transcriber", List.of("KH-SVR"), List.of("en"));
    }

    private static void person(String name, String role, List<String> sites, List<String> languages) {
        HttpResponse<String> response = APP.postJson("/users", UPLOADS.admin,
                new NewUserRequest(name, role, sites, null, languages));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        PASSWORDS.put(name, APP.ownPassword(APP.read(response, NewUser.class)).password());
    }

    private static SealedEnvelopes.Sealed upload(String code, String secret) {
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(UPLOADS.target, UPLOADS.keys,
                APP.clock.instant().minusSeconds(60).toString(), secret, true, UPLOADS.codeHash(code));
        HttpResponse<String> put = UPLOADS.put(sealed.id(), sealed.bytes(), UPLOADS.device.deviceToken());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(UPLOADS.putAttachment(sealed.id(), "recording", sealed.attachment()).statusCode()).isEqualTo(201);
        return sealed;
    }

    private static void put(String who, String id, String kind, String language, String text, Integer basedOn) {
        HttpResponse<String> response = APP.send("PUT", "/submissions/" + id + "/transcripts/" + kind + "/"
                        + language, APP.login(who, PASSWORDS.get(who)), "application/json",
                APP.write(new TranscriptSave(text, "done", basedOn)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static List<String> exported() throws Exception {
        List<String> ids = new ArrayList<>();
        new StoredSealedSource(APP.services().submissionStore(), APP.json, TestApp.STUDY, ExportFilter.all(),
                APP.services().database()).forEach(s -> ids.add(s.submissionId()));
        return ids;
    }

    private static Envelope stored(String id) {
        return SealedEnvelopes.read(APP.services().submissionStore().envelope(id).orElseThrow()
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void runOnce_researchDaysPassed_shredsPartsRecordingAndEveryTranscriptVersion() throws Exception {
        RetentionJob job = APP.services().retention();
        SealedEnvelopes.Sealed old = upload("KH-SVR-RH-041", "old-marker-R7");
        put("r-km", old.id(), "transcript", "km", KHMER, null);
        put("r-km", old.id(), "transcript", "km", KHMER_CORRECTED, 1);
        put("r-en", old.id(), "translation", "en", ENGLISH, null);
        List<String> sealedTexts = APP.services().database().read(h -> h.createQuery(
                "SELECT sealed_part FROM transcript_parts WHERE submission_id = :id").bind("id", old.id())
                .mapTo(String.class).list());
        assertThat(sealedTexts).hasSize(3);
        List<String> fragments = new ArrayList<>(SealedEnvelopes.secrets(old));
        for (String sealed : sealedTexts) {
            fragments.add(APP.json.readTree(sealed).get("ciphertext").asText().substring(0, 24));
        }
        // and an ODK Collect submission received then: its encrypted file and the manifest's wrapped key
        APP.services().database().write(h -> {
            h.createUpdate("INSERT INTO openrosa_submissions (id, study_id, form_id, form_version, instance_id, "
                    + "device_id, site, enumerator, manifest, manifest_sha256, lacks, state, received_at, completed_at) "
                    + "VALUES ('odk-old', :study, 'interview', '1', 'uuid:odk-old', 'odk-device', 'KH-SVR', 'enum1', "
                    + "'{\"base64EncryptedKey\":\"odk-wrapped-key-marker-W4\"}', 'sha', '[]', 'complete', :at, :at)")
                    .bind("study", TestApp.STUDY).bind("at", APP.clock.instant()).execute();
            return h.createUpdate("INSERT INTO openrosa_files (submission_id, name, sha256, size_bytes, content, "
                    + "received_at) VALUES ('odk-old', 'submission.xml.enc', 'sha', 30, "
                    + "'b2RrLWVuY3J5cHRlZC1maWxlLW1hcmtlci1GOA==', :at)").bind("at", APP.clock.instant()).execute();
        });
        fragments.addAll(List.of("odk-wrapped-key-marker-W4", "b2RrLWVuY3J5cHRlZC1maWxlLW1hcmtlci1GOA=="));
        assertThat(FileScan.found(APP.dataDir, fragments)).isEqualTo(fragments);

        APP.clock.advance(Duration.ofDays(3000));
        SealedEnvelopes.Sealed young = upload("KH-SVR-RH-042", "young-marker-Y3");
        put("r-km", young.id(), "transcript", "km", KHMER, null);
        APP.clock.advance(Duration.ofDays(649));
        // 3649 days: nothing is old enough for research_days; the old one's identity part goes (identity_days)
        assertThat(job.runOnce()).isEqualTo(new RetentionJob.Run(1, 1));
        assertThat(APP.count("transcript_parts", "submission_id = '" + old.id() + "'")).isEqualTo(3);

        APP.clock.advance(Duration.ofDays(2));
        assertThat(job.runOnce()).isEqualTo(new RetentionJob.Run(0, 0, 1, 2, 1, 3, 1));

        // nothing of the old submission opens or is left on disk, its transcripts and translation included
        Envelope oldNow = stored(old.id());
        for (String part : List.of(Envelope.RESEARCH, Envelope.IDENTITY)) {
            assertThatThrownBy(() -> SealedEnvelopes.open(oldNow, part, UPLOADS.keys, part))
                    .isInstanceOf(SealedPartException.class);
        }
        assertThat(APP.count("transcript_parts", "submission_id = '" + old.id() + "'")).isZero();
        assertThat(APP.count("attachment_chunks", "submission_id = '" + old.id() + "'")).isZero();
        assertThat(APP.count("openrosa_files", "submission_id = 'odk-old'")).isZero();
        assertThat(APP.count("openrosa_submissions", "id = 'odk-old' AND manifest = '' AND withdrawn_at IS NOT NULL"))
                .isEqualTo(1);
        List<String> searched = new ArrayList<>(fragments);
        searched.addAll(List.of(KHMER, ENGLISH, "retention-marker-K2", "old-marker-R7"));
        assertThat(FileScan.found(APP.dataDir, searched)).isEmpty();
        // a tombstone the export and the transcription queue leave out; no respondent withdrew
        assertThat(exported()).containsExactly(young.id());
        assertThat(APP.count("submissions", "withdrawn_at IS NULL")).isEqualTo(1);
        assertThat(APP.get("/studies/" + TestApp.STUDY + "/transcription/queue",
                APP.login("r-km", PASSWORDS.get("r-km"))).body()).doesNotContain(old.id()).contains(young.id());
        assertThat(APP.count("withdrawals")).isZero();
        // the younger one keeps everything
        assertThat(new String(SealedEnvelopes.open(stored(young.id()), Envelope.RESEARCH, UPLOADS.keys, "research"),
                StandardCharsets.UTF_8)).contains("young-marker-Y3");
        assertThat(APP.count("transcript_parts", "submission_id = '" + young.id() + "'")).isEqualTo(1);
        assertThat(APP.count("attachment_chunks", "submission_id = '" + young.id() + "'")).isPositive();

        assertThat(APP.count("audit_log", "event = 'retention.research' AND subject = 'study:test-study "
                + "submissions:1 parts:2 recordings:1 transcript-versions:3 openrosa:1 openrosa-files:1'")).isEqualTo(1);
        HealthCheck.Result health = EXT.getEnvironment().healthChecks().runHealthCheck("retention");
        assertThat(health.getDetails()).containsEntry("submissionsShreddedWhole", 1)
                .containsEntry("transcriptVersionsShredded", 3);
        assertThat(health.getMessage()).contains("1 submissions shredded whole (research_days)");
        // each submission is shredded once
        assertThat(job.runOnce()).isEqualTo(new RetentionJob.Run(0, 0));
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }
}
