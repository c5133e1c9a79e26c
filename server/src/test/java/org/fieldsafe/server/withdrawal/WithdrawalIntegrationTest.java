package org.fieldsafe.server.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.Progress;
import org.fieldsafe.core.wire.WithdrawalRequest;
import org.fieldsafe.core.wire.WithdrawalResult;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.SealedEnvelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.cli.AdminCli;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.audit.AuditRow;
import org.fieldsafe.server.submissions.SubmissionDao;
import org.fieldsafe.server.submissions.SubmissionStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Withdrawal end to end on SQLite (envelopes in envelope files, attachment chunks in the database): uploads sealed
 * for real, a withdrawal by a principal investigator, then every sealed part and attachment of the respondent fails
 * to open, their secret bytes are nowhere in the data directory, progress leaves them out, re-uploads get 410, and
 * the audit entry has counts only; other roles get 403 and bad input a 4xx, writing nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WithdrawalIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final String S = "/studies/" + TestApp.STUDY;
    private static final Map<String, String> PASSWORDS = new java.util.HashMap<>();

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        for (String role : List.of("principal_investigator", "coordinator", "data_manager", "safeguarding_officer")) {
            List<String> sites = role.equals("safeguarding_officer") ? List.of("KH-SVR") : List.of();
            PASSWORDS.put(role, APP.createUser(UPLOADS.admin, "w-" + role.replace('_', '-'), role, sites).password());
        }
    }

    private static String token(String role) {
        return role.equals("admin") ? UPLOADS.admin : APP.login("w-" + role.replace('_', '-'), PASSWORDS.get(role));
    }

    private static SealedEnvelopes.Sealed upload(boolean recording, String... codes) {
        String[] hashes = java.util.Arrays.stream(codes).map(UPLOADS::codeHash).toArray(String[]::new);
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(UPLOADS.target, UPLOADS.keys, "answer", recording, hashes);
        HttpResponse<String> put = UPLOADS.put(sealed.id(), sealed.bytes(), UPLOADS.device.deviceToken());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        if (recording) {
            assertThat(attachment(sealed.id(), sealed.attachment()).statusCode()).isEqualTo(201);
        }
        return sealed;
    }

    private static HttpResponse<String> attachment(String id, byte[] sealed) {
        return UPLOADS.putAttachment(id, "recording", sealed);
    }

    private static HttpResponse<String> withdraw(String role, Object body) {
        return APP.postJson(S + "/withdrawals", token(role), body);
    }

    private static List<String> foundInDataDir(List<String> secrets) throws Exception {
        return FileScan.found(APP.dataDir, secrets);
    }

    private static Envelope stored(String id) {
        return SealedEnvelopes.read(APP.services().submissionStore().envelope(id).orElseThrow()
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int received(String site, String category) {
        Progress progress = APP.read(APP.get(S + "/progress", UPLOADS.admin), Progress.class);
        return progress.rows().stream().filter(r -> r.site().equals(site) && r.category().equals(category))
                .findFirst().orElseThrow().received();
    }

    @Test
    void withdraw_afterRetriesAndReuploads_noCopyOfTheirBytesLeftInTheDataDirectory() throws Exception {
        SealedEnvelopes.Sealed synced = upload(false, "KH-SVR-RH-051");
        // the device's identical retry (its first answer got lost): 200, and no second copy on disk
        assertThat(UPLOADS.put(synced.id(), synced.bytes(), UPLOADS.device.deviceToken()).statusCode()).isEqualTo(200);
        assertThat(withdraw("principal_investigator", new WithdrawalRequest("KH-SVR-RH-051")).statusCode())
                .isEqualTo(201);
        // a laptop that had not heard: the same bytes again, and a later interview of the same respondent - 410
        assertThat(UPLOADS.put(synced.id(), synced.bytes(), UPLOADS.device.deviceToken()).statusCode()).isEqualTo(410);
        SealedEnvelopes.Sealed late = SealedEnvelopes.seal(UPLOADS.target, UPLOADS.keys, "late answer", false,
                UPLOADS.codeHash("KH-SVR-RH-051"));
        assertThat(UPLOADS.put(late.id(), late.bytes(), UPLOADS.device.deviceToken()).statusCode()).isEqualTo(410);

        List<String> secrets = new ArrayList<>(SealedEnvelopes.secrets(synced));
        secrets.addAll(SealedEnvelopes.secrets(late));
        assertThat(foundInDataDir(secrets)).isEmpty();
    }

    @Test
    void withdraw_shredsEverySealedPartAndAttachment_tombstoneLeftOutOf_progress_reupload410_audited()
            throws Exception {
        int receivedBefore = received("KH-SVR", "RH");
        SealedEnvelopes.Sealed alone = upload(true, "KH-SVR-RH-001");
        SealedEnvelopes.Sealed joint = upload(false, "KH-SVR-RH-001", "KH-SVR-RH-002");
        SealedEnvelopes.Sealed other = upload(false, "KH-SVR-RH-003");
        assertThat(received("KH-SVR", "RH")).isEqualTo(receivedBefore + 3);
        List<String> shreddable = new ArrayList<>(SealedEnvelopes.secrets(alone));
        shreddable.addAll(SealedEnvelopes.secrets(joint));
        // the scan sees what is stored: before the withdrawal every secret is there
        assertThat(foundInDataDir(shreddable)).containsExactlyInAnyOrderElementsOf(shreddable);
        Envelope headerBefore = alone.envelope();

        long tombstonesBefore = APP.services().submissionStore().countWithdrawn(TestApp.STUDY, Set.of(), Set.of(), null,
                null);
        HttpResponse<String> response = withdraw("principal_investigator", new WithdrawalRequest(" KH-SVR-RH-001 "));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        WithdrawalResult result = APP.read(response, WithdrawalResult.class);
        assertThat(result).isEqualTo(new WithdrawalResult(TestApp.STUDY, 1, 1, 4, 1, APP.clock.instant()));
        assertThat(response.body()).doesNotContain("KH-SVR-RH-001").doesNotContain(UPLOADS.codeHash("KH-SVR-RH-001"));

        // nothing of theirs opens any more; the other respondent's interview still does
        for (SealedEnvelopes.Sealed s : List.of(alone, joint)) {
            Envelope now = stored(s.id());
            assertThat(Sealing.headerBytes(now.header())).isEqualTo(Sealing.headerBytes(s.envelope().header()));
            for (String part : List.of(Envelope.RESEARCH, Envelope.IDENTITY)) {
                assertThatThrownBy(() -> SealedEnvelopes.open(now, part, UPLOADS.keys, part))
                        .isInstanceOf(SealedPartException.class);
            }
            assertThat(withdrawn(s.id())).isTrue();
        }
        assertThat(Sealing.headerBytes(stored(alone.id()).header())).isEqualTo(Sealing.headerBytes(headerBefore.header()));
        KeyPairBytes research = UPLOADS.keys.pairs().get("research");
        Envelope aloneNow = stored(alone.id());
        assertThatThrownBy(() -> AttachmentSealing.open(aloneNow.header(), aloneNow.attachments().get(0),
                alone.attachment(), research.fingerprint(), research.privateKey()))
                .isInstanceOf(SealedPartException.class);
        assertThat(new String(SealedEnvelopes.open(stored(other.id()), Envelope.RESEARCH, UPLOADS.keys, "research"),
                StandardCharsets.UTF_8)).contains("research answer");
        assertThat(withdrawn(other.id())).isFalse();
        assertThat(APP.services().submissionStore().sealedPage(TestApp.STUDY, Set.of(), Set.of(), null, null, null,
                1000).stream().map(SubmissionStore.SealedRow::id).toList()).contains(other.id())
                .doesNotContain(alone.id(), joint.id());
        assertThat(APP.services().submissionStore().countWithdrawn(TestApp.STUDY, Set.of(), Set.of(), null, null))
                .isEqualTo(tombstonesBefore + 2);

        // the secret bytes are gone from every file of the data directory, the other interview's are not
        assertThat(foundInDataDir(shreddable)).isEmpty();
        List<String> kept = SealedEnvelopes.secrets(other);
        assertThat(foundInDataDir(kept)).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(APP.count("attachment_chunks", "submission_id = '" + alone.id() + "'")).isZero();

        // progress counts neither tombstone
        assertThat(received("KH-SVR", "RH")).isEqualTo(receivedBefore + 1);

        // re-uploads of either (same bytes), new uploads naming the respondent and their attachment: 410
        assertThat(UPLOADS.put(alone.id(), alone.bytes(), UPLOADS.device.deviceToken()).statusCode()).isEqualTo(410);
        assertThat(UPLOADS.put(joint.id(), joint.bytes(), UPLOADS.device.deviceToken()).statusCode()).isEqualTo(410);
        SealedEnvelopes.Sealed fresh = SealedEnvelopes.seal(UPLOADS.target, UPLOADS.keys, "late", false,
                UPLOADS.codeHash("KH-SVR-RH-001"));
        assertThat(UPLOADS.put(fresh.id(), fresh.bytes(), UPLOADS.device.deviceToken()).statusCode()).isEqualTo(410);
        HttpResponse<String> chunk = attachment(alone.id(), alone.attachment());
        assertThat(chunk.statusCode()).isEqualTo(410);
        assertThat(APP.problem(chunk).get("type").toString()).endsWith("respondent-withdrawn");
        assertThat(APP.count("submissions", "id = '" + fresh.id() + "'")).isZero();

        // audited with counts; no code or code hash anywhere in the log
        AuditRow last = lastAudit();
        assertThat(last.event()).isEqualTo("respondent.withdrawn");
        assertThat(last.actor()).isEqualTo("w-principal-investigator");
        assertThat(last.subject()).isEqualTo("study:test-study interviews:1 joint:1 parts:4 attachments:1 "
                + "newly-shredded:2");
        assertNoCodeInAuditLog("KH-SVR-RH-001");
        assertThat(APP.services().audit().verify().intact()).isTrue();

        // asked again: 200, the same result
        HttpResponse<String> again = withdraw("principal_investigator", new WithdrawalRequest("KH-SVR-RH-001"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(APP.read(again, WithdrawalResult.class)).isEqualTo(result);
        assertThat(lastAudit().subject()).endsWith("newly-shredded:0 repeated");
        assertThat(APP.count("withdrawals", "code_hash = '" + UPLOADS.codeHash("KH-SVR-RH-001") + "'")).isEqualTo(1);
    }

    @Test
    void adminWithdraw_printsCountsNeverTheCode() {
        upload(false, "KH-SVR-RH-007");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(new String[] {"withdraw", "--study", TestApp.STUDY, "--respondent", "KH-SVR-RH-007",
                        "--yes"},
                Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "w-principal-investigator",
                        "FIELDSAFE_PASSWORD", PASSWORDS.get("principal_investigator")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Withdrawal recorded in test-study at ")
                .contains("1 interview(s) and 0 joint interview(s) shredded (2 sealed part(s), 0 attachment(s))")
                .doesNotContain("RH-007");

        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        int refused = AdminCli.run(new String[] {"withdraw", "--study", TestApp.STUDY, "--respondent", "XX-NOPE-1"},
                Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "w-principal-investigator",
                        "FIELDSAFE_PASSWORD", PASSWORDS.get("principal_investigator")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(bad, true, StandardCharsets.UTF_8));
        assertThat(refused).isEqualTo(1);
        assertThat(bad.toString(StandardCharsets.UTF_8)).contains("respondentCode").doesNotContain("XX-NOPE-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "coordinator", "data_manager", "safeguarding_officer"})
    void withdraw_otherRoles_403_nothingWritten(String role) {
        upload(false, "KH-SVR-RH-050");
        String token = token(role);
        int withdrawals = APP.count("withdrawals");
        int audit = APP.count("audit_log");

        HttpResponse<String> response = APP.postJson(S + "/withdrawals", token, new WithdrawalRequest("KH-SVR-RH-050"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(APP.count("withdrawals")).isEqualTo(withdrawals);
        assertThat(APP.count("submissions", "withdrawn_at IS NOT NULL AND id IN (SELECT submission_id FROM "
                + "submission_respondents WHERE code_hash = '" + UPLOADS.codeHash("KH-SVR-RH-050") + "')")).isZero();
        assertThat(APP.count("audit_log")).isEqualTo(audit);
        HttpResponse<String> device = APP.postJson(S + "/withdrawals", UPLOADS.device.deviceToken(),
                new WithdrawalRequest("KH-SVR-RH-050"));
        assertThat(device.statusCode()).isEqualTo(403);
        assertThat(APP.postJson(S + "/withdrawals", null, new WithdrawalRequest("KH-SVR-RH-050")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void withdraw_badInput_4xxNeverEchoingTheCode_nothingWritten() {
        String pi = token("principal_investigator");
        int withdrawals = APP.count("withdrawals");
        int audit = APP.count("audit_log");
        int tombstones = APP.count("submissions", "withdrawn_at IS NOT NULL");

        HttpResponse<String> unknownStudy = APP.postJson("/studies/nope/withdrawals", pi,
                new WithdrawalRequest("KH-SVR-RH-090"));
        assertThat(unknownStudy.statusCode()).isEqualTo(404);
        for (String code : List.of("KH-SVR-RH-1234", "Jane Doe +855 12 345 678", "kh-svr-rh-090", "", "   ")) {
            HttpResponse<String> malformed = APP.postJson(S + "/withdrawals", pi, new WithdrawalRequest(code));
            assertThat(malformed.statusCode()).as(code).isEqualTo(422);
            assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(malformed.body()).contains("respondentCode");
            if (!code.isBlank()) {
                assertThat(malformed.body()).doesNotContain(code);
            }
        }
        assertThat(APP.send("POST", S + "/withdrawals", pi, "application/json", "{}").statusCode()).isEqualTo(422);
        assertThat(APP.send("POST", S + "/withdrawals", pi, "application/json", "").statusCode()).isEqualTo(422);
        HttpResponse<String> broken = APP.send("POST", S + "/withdrawals", pi, "application/json",
                "{\"respondentCode\": KH-SVR-RH-090}");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).doesNotContain("KH-SVR-RH-090");
        HttpResponse<String> wrongType = APP.send("POST", S + "/withdrawals", pi, "application/json",
                "{\"respondentCode\": [\"KH-SVR-RH-090\"]}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).doesNotContain("KH-SVR-RH-090");

        assertThat(APP.count("withdrawals")).isEqualTo(withdrawals);
        assertThat(APP.count("audit_log")).isEqualTo(audit);
        assertThat(APP.count("submissions", "withdrawn_at IS NOT NULL")).isEqualTo(tombstones);
    }

    /** What the admin command line printed and its exit code. */
    private static final String NOT_LOGIN = "event NOT LIKE 'login.%'";

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args, Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER",
                        "w-principal-investigator", "FIELDSAFE_PASSWORD", PASSWORDS.get("principal_investigator")),
                new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withdraw_unknownCode_refusedWithoutNotYetReceived() {
        String pi = token("principal_investigator");
        int withdrawals = APP.count("withdrawals");
        int audit = APP.count("audit_log", NOT_LOGIN);

        HttpResponse<String> refused = APP.postJson(S + "/withdrawals", pi, new WithdrawalRequest("KH-SVR-RH-099"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("withdrawal-no-submission").contains("notYetReceived")
                .doesNotContain("KH-SVR-RH-099");
        Run run = cli("", "withdraw", "--study", TestApp.STUDY, "--respondent", "KH-SVR-RH-099", "--yes");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("No interview with this respondent code has been received")
                .contains("--not-yet-received").doesNotContain("KH-SVR-RH-099");
        assertThat(run.out()).doesNotContain("Withdrawal recorded");
        assertThat(APP.count("withdrawals")).isEqualTo(withdrawals);
        assertThat(APP.count("audit_log", NOT_LOGIN)).isEqualTo(audit);

        HttpResponse<String> onPurpose = APP.postJson(S + "/withdrawals", pi,
                new WithdrawalRequest("KH-SVR-RH-099", true));
        assertThat(onPurpose.statusCode()).as(onPurpose.body()).isEqualTo(201);
        assertThat(APP.count("withdrawals", "code_hash = '" + UPLOADS.codeHash("KH-SVR-RH-099")
                + "' AND not_yet_received = 1")).isEqualTo(1);
        assertThat(lastAudit().subject()).endsWith(" not-yet-received");
    }

    @Test
    void withdraw_preview_showsCountsAndAsksCodeAgain() {
        SealedEnvelopes.Sealed sealed = upload(true, "KH-SVR-RH-061");
        int withdrawals = APP.count("withdrawals");
        int audit = APP.count("audit_log", NOT_LOGIN);

        HttpResponse<String> previewed = APP.postJson(S + "/withdrawals/preview", token("principal_investigator"),
                new WithdrawalRequest("KH-SVR-RH-061"));
        assertThat(previewed.statusCode()).as(previewed.body()).isEqualTo(200);
        org.fieldsafe.core.wire.WithdrawalPreview preview = APP.read(previewed,
                org.fieldsafe.core.wire.WithdrawalPreview.class);
        assertThat(preview).isEqualTo(new org.fieldsafe.core.wire.WithdrawalPreview(TestApp.STUDY, 1, 1, 0,
                sealed.envelope().parts().size(), sealed.envelope().parts().containsKey(Envelope.IDENTITY) ? 1 : 0,
                1, 0, false));

        Run mistyped = cli("KH-SVR-RH-016\n", "withdraw", "--study", TestApp.STUDY, "--respondent", "KH-SVR-RH-061");
        assertThat(mistyped.exit()).isEqualTo(1);
        assertThat(mistyped.out()).contains("This will crypto-shred, for good: 1 interview(s) and 0 joint interview(s)")
                .contains(sealed.envelope().parts().size() + " sealed part(s)").contains("1 recording(s)")
                .contains("Type the respondent code again to confirm").doesNotContain("RH-061");
        assertThat(mistyped.err()).contains("does not match; nothing was withdrawn").doesNotContain("RH-0");
        Run noAnswer = cli("", "withdraw", "--study", TestApp.STUDY, "--respondent", "KH-SVR-RH-061");
        assertThat(noAnswer.exit()).isEqualTo(1);
        assertThat(APP.count("withdrawals")).isEqualTo(withdrawals);
        assertThat(APP.count("audit_log", NOT_LOGIN)).isEqualTo(audit);
        assertThat(withdrawn(sealed.id())).isFalse();

        Run confirmed = cli("KH-SVR-RH-061\n", "withdraw", "--study", TestApp.STUDY, "--respondent", "KH-SVR-RH-061");
        assertThat(confirmed.exit()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).contains("Withdrawal recorded in test-study").doesNotContain("RH-061");
        assertThat(withdrawn(sealed.id())).isTrue();
    }

    @Test
    void withdraw_codeNotMatchingPattern_refused() {
        String pi = token("principal_investigator");
        int withdrawals = APP.count("withdrawals");
        int audit = APP.count("audit_log", NOT_LOGIN);
        for (String path : List.of(S + "/withdrawals/preview", S + "/withdrawals")) {
            HttpResponse<String> refused = APP.postJson(path, pi, new WithdrawalRequest("KH-SVR-RH-99", true));
            assertThat(refused.statusCode()).as(path).isEqualTo(422);
            assertThat(refused.body()).contains("withdrawal-invalid").contains("respondentCode")
                    .contains("pattern").doesNotContain("KH-SVR-RH-99\"");
        }
        Run run = cli("KH-SVR-RH-99\n", "withdraw", "--study", TestApp.STUDY, "--respondent", "KH-SVR-RH-99",
                "--not-yet-received");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("pattern");
        assertThat(run.out()).doesNotContain("Type the respondent code again");
        assertThat(APP.count("withdrawals")).isEqualTo(withdrawals);
        assertThat(APP.count("audit_log", NOT_LOGIN)).isEqualTo(audit);
    }

    @Test
    void withdraw_notYetReceived_laterSyncNotifiesCoordinatorAndAudits() {
        Run recorded = cli("", "withdraw", "--study", TestApp.STUDY, "--respondent", "KH-SVR-RH-077",
                "--not-yet-received", "--yes");
        assertThat(recorded.exit()).as(recorded.err()).isZero();
        assertThat(recorded.out()).contains("No interview with this code has been received yet")
                .contains("reported to the coordinators");
        int notices = APP.count("coordinator_notices");

        SealedEnvelopes.Sealed late = SealedEnvelopes.seal(UPLOADS.target, UPLOADS.keys, "answer", false,
                UPLOADS.codeHash("KH-SVR-RH-077"));
        HttpResponse<String> refused = UPLOADS.put(late.id(), late.bytes(), UPLOADS.device.deviceToken());
        assertThat(refused.statusCode()).isEqualTo(410);
        assertThat(APP.count("coordinator_notices", "submission_id = '" + late.id() + "'")).isEqualTo(1);
        AuditRow audited = lastAudit();
        assertThat(audited.event()).isEqualTo("notice.withdrawn-upload");
        assertThat(audited.subject()).contains("submission:" + late.id()).contains("site:KH-SVR");
        assertNoCodeInAuditLog("KH-SVR-RH-077");
        // a retry of the same upload: 410 again, no second notice
        assertThat(UPLOADS.put(late.id(), late.bytes(), UPLOADS.device.deviceToken()).statusCode()).isEqualTo(410);
        assertThat(APP.count("coordinator_notices")).isEqualTo(notices + 1);

        HttpResponse<String> listed = APP.get(S + "/notices", token("coordinator"));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("withdrawn-upload").contains(late.id()).contains("KH-SVR")
                .doesNotContain("RH-077").doesNotContain(UPLOADS.codeHash("KH-SVR-RH-077"));
        assertThat(APP.get(S + "/notices", token("data_manager")).statusCode()).isEqualTo(403);
        Run shown = cli("", "notices", "--study", TestApp.STUDY);
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("withdrawn-upload").contains("submission " + late.id())
                .contains("withdrawn before their interview synced");
        // an upload of a respondent withdrawn the usual way (after their interview arrived) leaves no notice
        upload(false, "KH-SVR-RH-078");
        assertThat(cli("KH-SVR-RH-078\n", "withdraw", "--study", TestApp.STUDY, "--respondent", "KH-SVR-RH-078")
                .exit()).isZero();
        SealedEnvelopes.Sealed another = SealedEnvelopes.seal(UPLOADS.target, UPLOADS.keys, "answer", false,
                UPLOADS.codeHash("KH-SVR-RH-078"));
        assertThat(UPLOADS.put(another.id(), another.bytes(), UPLOADS.device.deviceToken()).statusCode())
                .isEqualTo(410);
        assertThat(APP.count("coordinator_notices")).isEqualTo(notices + 1);
    }

    private static boolean withdrawn(String id) {
        return APP.services().database().read(h -> h.attach(SubmissionDao.class).isWithdrawn(id));
    }

    private static AuditRow lastAudit() {
        return APP.services().database().read(h -> h.createQuery("SELECT seq, at, actor, event, subject, prev_hash, "
                + "hash FROM audit_log ORDER BY seq DESC LIMIT 1").map(org.jdbi.v3.core.mapper.reflect.ConstructorMapper
                .of(AuditRow.class)).one());
    }

    private static void assertNoCodeInAuditLog(String code) {
        String hash = UPLOADS.codeHash(code);
        assertThat(APP.count("audit_log", "subject LIKE '%" + code + "%' OR subject LIKE '%" + hash + "%' "
                + "OR actor LIKE '%" + code + "%'")).isZero();
    }
}
