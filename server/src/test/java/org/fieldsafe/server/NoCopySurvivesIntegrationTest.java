package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.WithdrawalRequest;
import org.fieldsafe.server.export.SealedInterviews;
import org.fieldsafe.server.retention.RetentionJob;
import org.fieldsafe.server.storage.NeedsPostgres;
import org.fieldsafe.server.storage.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's standing "no copy survives" suite (docs/sealing.md, "Shredding" and "Threat model"). On SQLite, a
 * real application with a data directory takes interviews with all three sealed parts and a recording (a joint
 * interview too), identical retries before and after a restart, an export job whose files it downloads; then a
 * principal investigator withdraws one respondent and retention passes the identity period of another. A byte
 * search of every file under the data directory (database, -wal, -shm, envelope files, exports) and of the server's
 * console output then finds no shredded secret - neither as the envelope and the attachment chunks store it (base64
 * text) nor decoded - while the parts that must be kept are still found, so the search can fail. No plaintext is
 * ever at rest; an export made before the withdrawal dies with the process. On PostgreSQL, every row of every table
 * is read back as text after the same shredding and holds none of the shredded secrets.
 */
@NeedsPostgres
class NoCopySurvivesIntegrationTest {
    private static final TestApp APP = new TestApp();
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final String S = "/studies/" + TestApp.STUDY;
    private static final Map<String, String> PASSWORDS = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        APP.extension.before();
        UPLOADS.setUp();
        for (String role : List.of("principal_investigator", "data_manager")) {
            PASSWORDS.put(role, APP.createUser(UPLOADS.admin, "n-" + role.replace('_', '-'), role, List.of())
                    .password());
        }
    }

    @AfterAll
    static void stop() {
        APP.extension.after();
    }

    private static String token(String role) {
        return APP.login("n-" + role.replace('_', '-'), PASSWORDS.get(role));
    }

    /** An interview as uploaded: its sealed bytes, and the plaintexts that went into it (never to be at rest). */
    private record Interview(SealedEnvelopes.Sealed sealed, List<String> plaintexts) {
        Envelope.SealedPart part(String name) {
            return sealed.envelope().parts().get(name);
        }
    }

    /**
     * Seals for real an interview of the respondents with {@code codes} (two: a joint interview) at the fixture
     * device's site: research, referral (with triage) and identity parts, and a recording; each plaintext names
     * {@code word}.
     */
    private static Interview seal(UploadFixture uploads, java.time.Instant now, String word, String... codes) {
        Envelopes.Target t = uploads.target;
        SubmissionHeader.ConsentAssertion consent = new SubmissionHeader.ConsentAssertion(true, true, "verbal", false,
                null, null);
        List<SubmissionHeader.RespondentAssertion> respondents = new ArrayList<>();
        List<Map<String, Object>> research = new ArrayList<>();
        for (String code : codes) {
            respondents.add(new SubmissionHeader.RespondentAssertion(uploads.codeHash(code), "RH", consent));
            Map<String, Object> answers = new LinkedHashMap<>();
            answers.put("age", 30);
            answers.put("q_meaning", "research " + word + " " + code.substring(code.length() - 3));
            research.add(Map.of("code", code, "category", "RH", "consent", Map.of(), "answers", answers));
        }
        String id = UUID.randomUUID().toString();
        SubmissionHeader header = new SubmissionHeader(1, id, t.study(), t.form(), t.consentForm(), t.site(),
                t.deviceId(), t.enumerator(), now.minusSeconds(60).toString(), "en", respondents,
                new SubmissionHeader.Triage("current_risk", "urgent", "refer", false),
                List.of(Envelope.IDENTITY, Envelope.REFERRAL, Envelope.RESEARCH));
        String referral = "referral " + word;
        String identity = "identity " + word;
        String audio = ("audio " + word).repeat(60);
        Map<String, byte[]> plaintexts = new TreeMap<>();
        plaintexts.put(Envelope.RESEARCH, APP.write(Map.of("form", "interview", "language", "en",
                "respondents", research)).getBytes(StandardCharsets.UTF_8));
        plaintexts.put(Envelope.REFERRAL, APP.write(Map.of("code", codes[0], "category", "current_risk",
                "urgency", "urgent", "choice", "refer", "routes", Map.of("helpline", true),
                "contact", Map.of("how", referral, "when", "evenings"))).getBytes(StandardCharsets.UTF_8));
        plaintexts.put(Envelope.IDENTITY, APP.write(Map.of("name", identity)).getBytes(StandardCharsets.UTF_8));
        Map<String, List<RecipientKey>> recipients = new TreeMap<>();
        recipients.put(Envelope.RESEARCH, List.of(recipient(uploads, "research")));
        recipients.put(Envelope.REFERRAL, List.of(recipient(uploads, "safeguarding")));
        recipients.put(Envelope.IDENTITY, List.of(recipient(uploads, "identity")));
        Envelope parts = Sealing.seal(header, plaintexts, recipients);
        ByteArrayOutputStream recording = new ByteArrayOutputStream();
        Envelope.Attachment descriptor = AttachmentSealing.seal(header, "recording", "q_recording",
                audio.getBytes(StandardCharsets.UTF_8), recording, List.of(recipient(uploads, "research")));
        Envelope envelope = new Envelope(header, parts.parts(), List.of(descriptor));
        try {
            SealedEnvelopes.Sealed sealed = new SealedEnvelopes.Sealed(id, APP.json.writeValueAsBytes(envelope),
                    recording.toByteArray());
            List<String> secretsInClear = new ArrayList<>(List.of(referral, identity, audio.substring(0, 40)));
            research.forEach(r -> secretsInClear.add(((Map<?, ?>) r.get("answers")).get("q_meaning").toString()));
            return new Interview(sealed, secretsInClear);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RecipientKey recipient(UploadFixture uploads, String purpose) {
        return RecipientKey.of(uploads.keys.pairs().get(purpose).publicKey());
    }

    /** Uploads an interview and its recording; both 201. */
    private static Interview upload(UploadFixture uploads, String word, String... codes) {
        Interview interview = seal(uploads, uploads.app.clock.instant(), word, codes);
        SealedEnvelopes.Sealed s = interview.sealed();
        HttpResponse<String> put = uploads.put(s.id(), s.bytes(), uploads.device.deviceToken());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        HttpResponse<String> recording = uploads.putAttachment(s.id(), "recording", s.attachment());
        assertThat(recording.statusCode()).as(recording.body()).isEqualTo(201);
        return interview;
    }

    /** The identical retry of a device whose first answer got lost. */
    private static int retry(Interview interview) {
        SealedEnvelopes.Sealed s = interview.sealed();
        return UPLOADS.put(s.id(), s.bytes(), UPLOADS.device.deviceToken()).statusCode();
    }

    private static void restart() throws Exception {
        APP.extension.after();
        APP.extension.before();
    }

    /** Every file under the data directory, and what the server printed, as bytes read ISO-8859-1. */
    private static Map<String, String> everythingStored() throws IOException {
        Map<String, String> stored = new TreeMap<>();
        FileScan.filesUnder(APP.dataDir).forEach((path, bytes) -> stored.put(APP.dataDir.relativize(path).toString(),
                bytes));
        stored.put("(console)", APP.console.toString(StandardCharsets.ISO_8859_1));
        return stored;
    }

    /**
     * Where {@code secrets} (base64 strings) are found, stored as the base64 text or decoded to the raw bytes (so a
     * decoded copy, e.g. in a cache file, is found too): "file: form secret", one per find.
     */
    private static List<String> found(List<String> secrets) throws IOException {
        Map<String, String> stored = everythingStored();
        List<String> finds = new ArrayList<>();
        for (String secret : secrets) {
            String text = FileScan.asStoredBytes(secret);
            String raw = new String(Base64.getDecoder().decode(secret), StandardCharsets.ISO_8859_1);
            stored.forEach((file, content) -> {
                if (content.contains(text)) {
                    finds.add(file + ": base64 " + secret);
                }
                if (content.contains(raw)) {
                    finds.add(file + ": raw " + secret);
                }
            });
        }
        return finds;
    }

    private static List<String> foundInClear(List<String> texts) throws IOException {
        Map<String, String> stored = everythingStored();
        return texts.stream().filter(t -> stored.values().stream().anyMatch(c -> c.contains(FileScan.asStoredBytes(t))))
                .toList();
    }

    /** The sealed recording and every part's secrets but the identity part's: what retention keeps. */
    private static List<String> keptByRetention(Interview interview) {
        List<String> kept = new ArrayList<>(SealedEnvelopes.secrets(interview.part(Envelope.RESEARCH)));
        kept.addAll(SealedEnvelopes.secrets(interview.part(Envelope.REFERRAL)));
        kept.add(Base64.getEncoder().encodeToString(interview.sealed().attachment()));
        return kept;
    }

    private static JsonNode exportDone(String dm) throws InterruptedException {
        HttpResponse<String> started = APP.postJson(S + "/exports", dm, Map.of("passphrase", Envelopes.PASSPHRASE,
                "formats", List.of("wide", "long", "jsonl")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = APP.read(started, JsonNode.class).get("id").asText();
        for (int i = 0; i < 300; i++) {
            JsonNode job = APP.read(APP.get("/exports/" + id, dm), JsonNode.class);
            if (!List.of("queued", "running").contains(job.get("state").asText())) {
                assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the export did not finish");
    }

    @Test
    void shred_withdrawalAndRetentionAfterRetriesExportAndRestart_noCopyLeftInTheDataDirectory() throws Exception {
        // interviews with every part and a recording: the respondent who will withdraw alone and jointly with
        // another, one whose identity part will pass retention, one received later; a few plain ones for the export
        Interview withdrawnAlone = upload(UPLOADS, "heron", "KH-SVR-RH-301");
        Interview withdrawnJoint = upload(UPLOADS, "egret", "KH-SVR-RH-301", "KH-SVR-RH-302");
        Interview retained = upload(UPLOADS, "kingfisher", "KH-SVR-RH-303");
        for (int i = 0; i < 5; i++) {
            assertThat(UPLOADS.put(SealedInterviews.interview(UPLOADS, "KH-SVR-RH-31" + i, "RH", 30,
                    "plain answer " + i)).statusCode()).isEqualTo(201);
        }
        List<Interview> all = new ArrayList<>(List.of(withdrawnAlone, withdrawnJoint, retained));
        for (Interview interview : all) {
            assertThat(retry(interview)).isEqualTo(200);
        }
        // a restart (the start-up scrub of the envelope files), then the same retries again: still 200, no new copy
        restart();
        for (Interview interview : all) {
            assertThat(retry(interview)).isEqualTo(200);
        }
        APP.clock.advance(Duration.ofDays(1000));
        Interview young = upload(UPLOADS, "plover", "KH-SVR-RH-304");
        all.add(young);

        // an export job, downloaded: its files wait in exports/, encrypted under a key only the process holds
        String dm = token("data_manager");
        JsonNode job = exportDone(dm);
        List<String> files = APP.json.convertValue(job.get("files"), new TypeReference<List<String>>() {
        });
        StringBuilder downloaded = new StringBuilder();
        for (String name : files) {
            HttpResponse<String> file = APP.get("/exports/" + job.get("id").asText() + "/files/" + name, dm);
            assertThat(file.statusCode()).isEqualTo(200);
            downloaded.append(file.body());
        }
        // what an export holds is answers, opened - never a sealed part's ciphertext
        assertThat(downloaded).contains("research heron 301");
        all.forEach(interview -> SealedEnvelopes.secrets(interview.sealed())
                .forEach(secret -> assertThat(downloaded).doesNotContain(secret)));

        // every secret of every interview is stored before any shredding: the search sees what is there
        List<String> shreddedByWithdrawal = new ArrayList<>(SealedEnvelopes.secrets(withdrawnAlone.sealed()));
        shreddedByWithdrawal.addAll(SealedEnvelopes.secrets(withdrawnJoint.sealed()));
        assertThat(FileScan.found(APP.dataDir, shreddedByWithdrawal))
                .containsExactlyInAnyOrderElementsOf(shreddedByWithdrawal);

        HttpResponse<String> withdrawal = APP.postJson(S + "/withdrawals", token("principal_investigator"),
                new WithdrawalRequest("KH-SVR-RH-301"));
        assertThat(withdrawal.statusCode()).as(withdrawal.body()).isEqualTo(201);
        assertThat(retry(withdrawnAlone)).isEqualTo(410);
        assertThat(retry(withdrawnJoint)).isEqualTo(410);
        APP.clock.advance(Duration.ofDays(826));
        assertThat(APP.services().retention().runOnce()).isEqualTo(new RetentionJob.Run(1, 6));

        List<String> shredded = new ArrayList<>(shreddedByWithdrawal);
        shredded.addAll(SealedEnvelopes.secrets(retained.part(Envelope.IDENTITY)));
        List<String> kept = new ArrayList<>(keptByRetention(retained));
        kept.addAll(SealedEnvelopes.secrets(young.sealed()));
        List<String> inClear = all.stream().flatMap(i -> i.plaintexts().stream()).toList();

        List<Path> stored = new ArrayList<>(FileScan.filesUnder(APP.dataDir).keySet());
        assertThat(stored).as("the search covers the database, its log, envelope files and exports")
                .anyMatch(p -> p.getFileName().toString().endsWith(".db"))
                .anyMatch(p -> p.getFileName().toString().endsWith("-wal"))
                .anyMatch(p -> p.toString().contains("envelopes"))
                .anyMatch(p -> p.toString().contains("exports") && p.toString().endsWith(".sealed"));
        // every connection zeroes what it deletes, and what page splits leave behind (a stale copy of a chunk did)
        int secureDelete = APP.services().database().read(h -> h.createQuery("PRAGMA secure_delete")
                .mapTo(Integer.class).one());
        assertThat(secureDelete).isEqualTo(1);
        assertThat(found(shredded)).isEmpty();
        assertThat(FileScan.found(APP.dataDir, kept)).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(foundInClear(inClear)).isEmpty();

        // the export made before the withdrawal dies with the process: a restart deletes its files, the job is gone
        restart();
        assertThat(APP.get("/exports/" + job.get("id").asText(), token("data_manager")).statusCode()).isEqualTo(404);
        assertThat(FileScan.filesUnder(APP.dataDir).keySet()).noneMatch(p -> p.toString().contains("exports"));
        assertThat(found(shredded)).isEmpty();
        assertThat(FileScan.found(APP.dataDir, kept)).containsExactlyInAnyOrderElementsOf(kept);
    }

    @Test
    void shred_onPostgresql_noRowOfAnyTableHoldsAShreddedSecret() throws Exception {
        TestApp pg = new TestApp(TestDatabases.freshPostgresSchemaUrl(),
                ConfigOverride.config("database.driverClass", "org.postgresql.Driver"));
        pg.extension.before();
        try {
            UploadFixture uploads = new UploadFixture(pg);
            uploads.setUp();
            String pi = pg.createUser(uploads.admin, "pg-pi", "principal_investigator", List.of()).password();
            Interview alone = upload(uploads, "heron", "KH-SVR-RH-301");
            Interview joint = upload(uploads, "egret", "KH-SVR-RH-301", "KH-SVR-RH-302");
            Interview retained = upload(uploads, "kingfisher", "KH-SVR-RH-303");
            List<String> everySecret = new ArrayList<>();
            for (Interview i : List.of(alone, joint, retained)) {
                everySecret.addAll(SealedEnvelopes.secrets(i.sealed()));
            }
            assertThat(inRows(pg, everySecret)).containsExactlyInAnyOrderElementsOf(everySecret);

            assertThat(pg.postJson(S + "/withdrawals", pg.login("pg-pi", pi), new WithdrawalRequest("KH-SVR-RH-301"))
                    .statusCode()).isEqualTo(201);
            pg.clock.advance(Duration.ofDays(1826));
            assertThat(pg.services().retention().runOnce()).isEqualTo(new RetentionJob.Run(1, 1));

            List<String> shredded = new ArrayList<>(SealedEnvelopes.secrets(alone.sealed()));
            shredded.addAll(SealedEnvelopes.secrets(joint.sealed()));
            shredded.addAll(SealedEnvelopes.secrets(retained.part(Envelope.IDENTITY)));
            List<String> kept = keptByRetention(retained);
            assertThat(inRows(pg, shredded)).isEmpty();
            assertThat(inRows(pg, kept)).containsExactlyInAnyOrderElementsOf(kept);
        } finally {
            pg.extension.after();
        }
    }

    /**
     * Those of {@code secrets} that some row of some table of the app's PostgreSQL schema holds, each row read as
     * its text form ({@code SELECT t::text}): what a database dump would show. Dead row versions, the WAL and
     * backups are beyond a query (docs/sealing.md says what they keep).
     */
    private static List<String> inRows(TestApp app, List<String> secrets) {
        List<String> rows = app.services().database().read(h -> {
            List<String> tables = h.createQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").mapTo(String.class).list();
            List<String> all = new ArrayList<>();
            for (String table : tables) {
                all.addAll(h.createQuery("SELECT t::text FROM \"" + table + "\" t").mapTo(String.class).list());
            }
            return all;
        });
        assertThat(rows).isNotEmpty();
        return secrets.stream().filter(s -> rows.stream().anyMatch(r -> r.contains(s))).toList();
    }
}
