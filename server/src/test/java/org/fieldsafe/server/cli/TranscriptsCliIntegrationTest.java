package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.server.SealedEnvelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin users add --language}, {@code admin keys transcription} and {@code admin transcripts list|get|put}. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TranscriptsCliIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);
    /** Test text written for this test (Khmer: "she went to work in Thailand"). */
    private static final String KHMER = "នាងបានទៅធ្វើការនៅប្រទេសថៃ";
    private static final String OWN = "cli transcriber passphrase";

    @BeforeAll
    static void setUp() {
        FIXTURE.setUp();
    }

    private static CliRun as(String user, String password, Map<String, String> env, String... args) {
        return CliRun.asUser(APP.baseUrl(), user, password, env, args);
    }

    @Test
    void usersAdd_transcriberNeedsALanguage_languagesStored() {
        CliRun none = as("admin", TestApp.ADMIN_PASSWORD, Map.of(), "users", "add", "--username", "cli-tr0",
                "--role", "transcriber", "--site", "KH-SVR");
        assertThat(none.exit()).isNotZero();
        assertThat(none.err()).contains("needs at least one language");
        CliRun added = as("admin", TestApp.ADMIN_PASSWORD, Map.of(), "users", "add", "--username", "cli-tr1",
                "--role", "transcriber", "--site", "KH-SVR", "--language", "km", "--language", "en");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(APP.count("user_languages", "username = 'cli-tr1'")).isEqualTo(2);
    }

    @Test
    void keysTranscription_transcriptsPutListGet(@TempDir Path dir) throws Exception {
        HttpResponse<String> created = APP.postJson("/users", FIXTURE.admin,
                new NewUserRequest("cli-tr2", "transcriber", List.of("KH-SVR"), null, List.of("km")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String password = APP.ownPassword(APP.read(created, NewUser.class)).password();
        CliRun key = as("admin", TestApp.ADMIN_PASSWORD, Map.of(), "keys", "transcription", "--study",
                TestApp.STUDY, "--holder", "cli-tr2");
        assertThat(key.exit()).as(key.err()).isZero();
        String secret = key.out().replaceAll("(?s).*shown only now: (\\S+).*", "$1");
        CliRun claimed = as("cli-tr2", password, Map.of("FIELDSAFE_PASSPHRASE", secret,
                "FIELDSAFE_NEW_PASSPHRASE", OWN), "keys", "passphrase", "--study", TestApp.STUDY, "--purpose",
                "transcription");
        assertThat(claimed.exit()).as(claimed.err()).isZero();

        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(FIXTURE.target, FIXTURE.keys, "answer", false,
                FIXTURE.codeHash("KH-SVR-RH-401"));
        assertThat(FIXTURE.put(sealed.id(), sealed.bytes(), FIXTURE.device.deviceToken()).statusCode())
                .isEqualTo(201);
        Path text = dir.resolve("km.txt");
        Files.writeString(text, KHMER, StandardCharsets.UTF_8);
        CliRun put = as("cli-tr2", password, Map.of(), "transcripts", "put", "--submission", sealed.id(), "--kind",
                "transcript", "--language", "km", "--file", text.toString(), "--done");
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(put.out()).contains("version 1 (done)");
        CliRun list = as("cli-tr2", password, Map.of(), "transcripts", "list", "--submission", sealed.id());
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("transcript").contains("v1").contains("done").doesNotContain(KHMER);
        CliRun get = as("cli-tr2", password, Map.of("FIELDSAFE_PASSPHRASE", OWN), "transcripts", "get",
                "--submission", sealed.id(), "--kind", "transcript", "--language", "km");
        assertThat(get.exit()).as(get.err()).isZero();
        assertThat(get.out().strip()).isEqualTo(KHMER);

        Path notUtf8 = dir.resolve("latin1.txt");
        Files.write(notUtf8, new byte[] {(byte) 0xE9, (byte) 0xFF});
        CliRun bad = as("cli-tr2", password, Map.of(), "transcripts", "put", "--submission", sealed.id(), "--kind",
                "transcript", "--language", "km", "--file", notUtf8.toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("not UTF-8");
        CliRun help = as("cli-tr2", password, Map.of(), "transcripts", "--help");
        assertThat(help.out()).contains("list").contains("get").contains("put");
    }
}
