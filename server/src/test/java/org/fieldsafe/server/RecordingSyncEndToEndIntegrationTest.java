package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.cli.ClientMain;
import org.fieldsafe.client.sync.Outcome;
import org.fieldsafe.client.sync.SyncClock;
import org.fieldsafe.client.sync.SyncOptions;
import org.fieldsafe.client.sync.SyncProgress;
import org.fieldsafe.client.sync.SyncResult;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.faults.CuttingProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded interview end to end: the answers file names the recorder's file, the device seals it as an
 * attachment, sync sends the envelope and then the recording in chunks through a proxy that cuts uploads (mid-body
 * and after the body), resuming from the server's Upload-Offset; the research key opens what the server stored and
 * gets the recording back; the device's sealed copy is gone and the original file is still there.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RecordingSyncEndToEndIntegrationTest {
    private static final String STUDY = "beyond-awareness";
    private static final TestApp APP = TestApp.onForms(Path.of("..", "forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final ObjectMapper JSON = JsonMappers.lenient();

    @TempDir
    Path deviceHome;

    @TempDir
    Path work;

    @Test
    void recordingSealedSentInChunksResumedAfterCutsAndOpenedByTheResearchKey() throws Exception {
        KeyPairBytes research = StudyKeys.generateX25519();
        String admin = APP.adminToken();
        assertThat(APP.postStudyKeys(admin, STUDY, studyKeys(research)).statusCode())
                .isEqualTo(201);
        APP.createUser(admin, "enum-kh1", "enumerator", List.of("KH-SVR"));
        String code = APP.enrolmentCode(admin, STUDY, "KH-SVR", "enum-kh1").code();

        byte[] audio = new byte[700_000];
        new Random(7).nextBytes(audio);
        Path recording = work.resolve("interview-0042.ogg");
        Files.write(recording, audio);

        try (CuttingProxy proxy = new CuttingProxy(EXT.getLocalPort(), 4, 2)) {
            try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
                client.enrol(URI.create("http://127.0.0.1:" + proxy.port()), code, "kh-laptop-1");
                client.pull();
            }
            Path answers = work.resolve("answers.json");
            Files.writeString(answers, answersFile(recording));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            var cli = ClientMain.commandLine(Map.of("FIELDSAFE_PASSPHRASE", "enumerator passphrase 1"),
                    FieldsafeClient.Settings.defaults());
            cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            int exit = cli.execute("interview", "--form", "interview", "--site", "KH-SVR", "--lang", "km",
                    "--home", deviceHome.toString(), "--answers", answers.toString());
            assertThat(exit).as("interview: " + err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("recording " + recording)
                    .contains("delete it");

            try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
                SyncOptions options = new SyncOptions(1, 8, Duration.ofMillis(20), Duration.ofMillis(100),
                        Duration.ofMinutes(3), SyncClock.system(), () -> 0.5);
                SyncResult result = client.sync(SyncProgress.NONE, options);
                assertThat(result.stoppedBy()).isNull();
                assertThat(result.outcomes()).as(result.outcomes().toString()).extracting(Outcome::kind)
                        .containsExactly(Outcome.Kind.SENT, Outcome.Kind.SENT);
                assertThat(result.outcomes().get(1).submissionId()).endsWith("/recording");
                assertThat(client.sync(SyncProgress.NONE, options).outcomes()).isEmpty();
            }
            assertThat(proxy.midBodyCuts() + proxy.afterBodyCuts()).as("uploads were cut").isGreaterThanOrEqualTo(3);
        }
        assertThat(recording).exists();

        // the server holds the sealed recording; the research key opens it
        String id = APP.services().database().read(h -> h.createQuery("SELECT submission_id FROM attachments")
                .mapTo(String.class).one());
        Envelope envelope = JSON.readValue(APP.services().submissionStore().envelope(id).orElseThrow(),
                Envelope.class);
        Envelope.Attachment descriptor = envelope.attachments().get(0);
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        APP.services().database().read(h -> h.createQuery("SELECT data FROM attachment_chunks WHERE submission_id ="
                        + " :id ORDER BY start_offset").bind("id", id).mapTo(String.class).list())
                .forEach(c -> stored.writeBytes(Base64.getDecoder().decode(c)));
        byte[] opened = AttachmentSealing.open(envelope.header(), descriptor, stored.toByteArray(),
                StudyKeys.fingerprint(research.publicKey()), research.privateKey());
        assertThat(opened).isEqualTo(audio);
        byte[] part = Sealing.open(envelope, "research", StudyKeys.fingerprint(research.publicKey()),
                research.privateKey());
        String researchPart = new String(part, StandardCharsets.UTF_8);
        assertThat(researchPart).contains("\"recording\":\"attachment:recording\"")
                .doesNotContain(recording.toString());

        // the device no longer holds the sealed copy
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + deviceHome.resolve("device.db"));
             var rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM attachments WHERE sealed IS NOT NULL"
                     + " OR receipt_json IS NULL")) {
            assertThat(rs.getInt(1)).isZero();
        }
    }

    private static StudyKeysRequest studyKeys(KeyPairBytes research) {
        List<StudyKeysRequest.Key> keys = new ArrayList<>();
        for (String purpose : List.of("research", "safeguarding", "identity")) {
            KeyPairBytes pair = purpose.equals("research") ? research : StudyKeys.generateX25519();
            String fingerprint = StudyKeys.fingerprint(pair.publicKey());
            String wrapped = PassphraseCipher.wrapPrivateKey(pair.privateKey(),
                    (purpose + " holder passphrase").toCharArray(), purpose, fingerprint,
                    new PasswordHasher.Cost(64, 1, 1)).toJson();
            keys.add(new StudyKeysRequest.Key(purpose, "X25519",
                    Base64.getEncoder().encodeToString(pair.publicKey()), fingerprint, wrapped,
                    Envelopes.FIRST_HOLDERS.get(purpose).get(0)));
        }
        return new StudyKeysRequest(keys, Base64.getEncoder().encodeToString(RespondentCodes.newKey()));
    }

    /** An answers file of an adult rights holder at KH-SVR in Khmer who consented to the recording at {@code recording}. */
    static String answersFile(Path recording) throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        ObjectNode file = JSON.createObjectNode().put("form", "interview").put("site", "KH-SVR").put("lang", "km");
        ObjectNode respondent = file.putArray("respondents").addObject();
        respondent.putObject("consent").put("participation", "yes").put("recording_consent", "yes")
                .put("consent_mode", "verbal").put("age", 41).put("respondent_code", "KH-SVR-RH-012")
                .put("interviewer", "enum-kh1").put("consent_date", today).put("research_partner", "Partner KH");
        ObjectNode a = respondent.putObject("answers");
        a.put("category", "RH").put("name", "A Name").put("age", 41).put("gender", "female")
                .put("address", "Svay Rieng").put("interview_date", today).put("recording", recording.toString())
                .put("q_meaning", "one").put("q_causes", "two").put("q_protection", "three")
                .put("disclosure_check", "no").put("closing_hopes", "more schools");
        a.putArray("indicators").add("none");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file);
    }
}
