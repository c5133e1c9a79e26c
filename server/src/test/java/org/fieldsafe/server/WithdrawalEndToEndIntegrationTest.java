package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.sync.Outcome;
import org.fieldsafe.client.sync.SyncProgress;
import org.fieldsafe.client.sync.SyncResult;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.Progress;
import org.fieldsafe.server.cli.AdminCli;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Withdrawal with the real client on the reference study: two interviews sealed on the laptop (research, identity
 * and referral parts) and synced; a principal investigator withdraws one respondent with {@code admin withdraw};
 * none of that interview's parts opens any more and its secret bytes are gone from the server's data directory,
 * while the other interview still opens; progress counts one; a later interview of the withdrawn respondent is
 * answered 410 and the laptop deletes its sealed copy.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WithdrawalEndToEndIntegrationTest {
    private static final String STUDY = "beyond-awareness";
    private static final TestApp APP = TestApp.onForms(Path.of("..", "forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String WITHDRAWN = "KH-SVR-RH-021";
    private static final String STAYS = "KH-SVR-RH-022";

    @TempDir
    Path deviceHome;

    @TempDir
    Path work;

    @Test
    void withdraw_afterSync_partsShreddedBytesGone_laterInterviewOfThatRespondent410AndDeletedOnTheLaptop()
            throws Exception {
        String admin = APP.adminToken();
        Envelopes.StudyKeys keys = Envelopes.newStudyKeys();
        assertThat(APP.postStudyKeys(admin, STUDY, keys).statusCode()).isEqualTo(201);
        APP.createUser(admin, "enum-kh1", "enumerator", List.of("KH-SVR"));
        String pi = APP.createUser(admin, "pi-1", "principal_investigator", List.of()).password();
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            client.enrol(URI.create(APP.baseUrl()), APP.enrolmentCode(admin, STUDY, "KH-SVR", "enum-kh1").code(),
                    "kh-laptop-1");
            client.pull();
        }
        interview(WITHDRAWN, "first");
        interview(STAYS, "second");
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            assertThat(client.sync(SyncProgress.NONE).outcomes()).extracting(Outcome::kind)
                    .containsExactly(Outcome.Kind.SENT, Outcome.Kind.SENT);
        }
        List<String> ids = APP.services().database().read(h -> h.createQuery("SELECT id FROM submissions ORDER BY id")
                .mapTo(String.class).list());
        Envelope gone = null;
        Envelope stays = null;
        String goneHash = Envelopes.codeHash(keys.codeKey(), WITHDRAWN);
        for (String id : ids) {
            Envelope e = stored(id);
            if (e.header().respondents().get(0).codeHash().equals(goneHash)) {
                gone = e;
            } else {
                stays = e;
            }
        }
        assertThat(gone.parts().keySet()).containsExactlyInAnyOrder("research", "identity", "referral");
        List<String> secrets = new ArrayList<>();
        gone.parts().values().forEach(p -> {
            secrets.add(p.ciphertext());
            secrets.add(p.nonce());
            p.recipients().forEach(r -> secrets.add(r.wrappedKey()));
        });

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(new String[] {"withdraw", "--study", STUDY, "--respondent", WITHDRAWN, "--yes"},
                Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "pi-1", "FIELDSAFE_PASSWORD", pi),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("1 interview(s) and 0 joint interview(s) shredded (3 sealed part(s), 0 attachment(s))");

        Envelope goneNow = stored(gone.header().submissionId());
        for (String part : List.of("research", "identity", "referral")) {
            String purpose = part.equals("referral") ? "safeguarding" : part;
            assertThatThrownBy(() -> SealedEnvelopes.open(goneNow, part, keys, purpose))
                    .isInstanceOf(SealedPartException.class);
            SealedEnvelopes.open(stays, part, keys, purpose);
        }
        var files = FileScan.filesUnder(APP.dataDir);
        for (String secret : secrets) {
            assertThat(files.values()).noneMatch(c -> c.contains(FileScan.asStoredBytes(secret)));
        }
        Progress progress = APP.read(APP.get("/studies/" + STUDY + "/progress", admin), Progress.class);
        assertThat(progress.received()).isEqualTo(1);

        // a second visit of the withdrawn respondent, sealed offline before the laptop heard of it
        interview(WITHDRAWN, "third");
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            assertThat(client.outboxStatus().waiting()).hasSize(1);
            SyncResult result = client.sync(SyncProgress.NONE);
            assertThat(result.outcomes()).extracting(Outcome::kind).containsExactly(Outcome.Kind.WITHDRAWN);
            assertThat(client.outboxStatus().waiting()).isEmpty();
        }
        assertThat(APP.count("submissions")).isEqualTo(2);
        assertThat(APP.console.toString(StandardCharsets.UTF_8)).doesNotContain(WITHDRAWN);
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    private void interview(String code, String tag) throws Exception {
        Path answers = work.resolve("answers-" + tag + ".json");
        Files.writeString(answers, InterviewSyncEndToEndIntegrationTest.answersFile(code, "Respondent " + tag,
                "meaning " + tag, "causes " + tag, "protection " + tag));
        InterviewSyncEndToEndIntegrationTest.interview(deviceHome, answers);
    }

    private static Envelope stored(String id) {
        return SealedEnvelopes.read(APP.services().submissionStore().envelope(id).orElseThrow()
                .getBytes(StandardCharsets.UTF_8));
    }
}
