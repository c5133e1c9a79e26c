package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.cli.ClientMain;
import org.fieldsafe.client.sync.Outcome;
import org.fieldsafe.client.sync.SyncProgress;
import org.fieldsafe.client.sync.SyncResult;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Progress;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core loop on the reference study: study keys, enrol, pull, consent + interview from an answers file
 * (sealed on the device), sync, receipt, progress; then every byte of the server's data directory, its console
 * and the device's store is searched for the answers, the respondent's name and code: none may be there.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
public class InterviewSyncEndToEndIntegrationTest {
    private static final String STUDY = "beyond-awareness";
    private static final TestApp APP = TestApp.onForms(Path.of("..", "forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final ObjectMapper JSON = JsonMappers.plain();

    private static final String NAME = "Chanthy Meas Vorleakzq";
    private static final String CODE = "KH-SVR-RH-011";
    private static final String ANSWER_ONE = "ទីផ្សារការងារក្លែងក្លាយ Vannak-answer-alpha-3471";
    private static final String ANSWER_TWO = "debts to the recruiter Vannak-answer-bravo-8812";
    private static final String ANSWER_THREE = "the pagoda committee warns families Vannak-answer-charlie-5530";

    @TempDir
    Path deviceHome;

    @TempDir
    Path work;

    @Test
    void interviewSealSyncProgress_referenceStudy_receiptedCountedAndNothingReadableStored() throws Exception {
        String admin = APP.adminToken();
        assertThat(APP.postStudyKeys(admin, STUDY, Envelopes.newStudyKeys()).statusCode())
                .isEqualTo(201);
        APP.createUser(admin, "enum-kh1", "enumerator", List.of("KH-SVR"));
        String code = APP.enrolmentCode(admin, STUDY, "KH-SVR", "enum-kh1").code();

        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            client.enrol(URI.create(APP.baseUrl()), code, "kh-laptop-1");
            client.pull();
        }

        Path answers = work.resolve("answers.json");
        Files.writeString(answers, answersFile(CODE, NAME, ANSWER_ONE, ANSWER_TWO, ANSWER_THREE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = ClientMain.commandLine(Map.of("FIELDSAFE_PASSPHRASE", "enumerator passphrase 1"),
                FieldsafeClient.Settings.defaults());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cli.execute("interview", "--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--home", deviceHome.toString(), "--answers", answers.toString());
        assertThat(exit).as("interview: " + err.toString(StandardCharsets.UTF_8)).isZero();
        Files.delete(answers);

        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            assertThat(client.outboxStatus().waiting()).hasSize(1);
            SyncResult result = client.sync(SyncProgress.NONE);
            assertThat(result.stoppedBy()).isNull();
            assertThat(result.outcomes()).extracting(Outcome::kind).containsExactly(Outcome.Kind.SENT);
            assertThat(client.outboxStatus().waiting()).isEmpty();
            assertThat(client.outboxStatus().sent()).hasSize(1);
            SyncResult again = client.sync(SyncProgress.NONE);
            assertThat(again.outcomes()).as("nothing left to send").isEmpty();
        }

        Progress progress = APP.read(APP.get("/studies/" + STUDY + "/progress", admin), Progress.class);
        assertThat(progress.rows()).filteredOn(r -> r.site().equals("KH-SVR") && r.category().equals("RH"))
                .singleElement().satisfies(r -> {
                    assertThat(r.received()).isEqualTo(1);
                    assertThat(r.target()).isEqualTo(8);
                });
        assertThat(progress.received()).isEqualTo(1);

        Map<String, String> needles = new LinkedHashMap<>();
        needles.put("answer one", ANSWER_ONE);
        needles.put("answer one (Khmer part)", "ទីផ្សារការងារក្លែងក្លាយ");
        needles.put("answer two", "Vannak-answer-bravo-8812");
        needles.put("answer three", "Vannak-answer-charlie-5530");
        needles.put("respondent name", NAME);
        needles.put("respondent surname", "Vorleakzq");
        needles.put("respondent code", CODE);
        Map<Path, String> stored = new LinkedHashMap<>(FileScan.filesUnder(APP.dataDir));
        stored.putAll(FileScan.filesUnder(deviceHome));
        assertThat(stored.keySet()).as("the scan covers the server database and the device store")
                .anySatisfy(p -> assertThat(p.toString()).endsWith("fieldsafe.db"))
                .anySatisfy(p -> assertThat(p.toString()).endsWith("device.db"));
        String console = APP.console.toString(StandardCharsets.UTF_8);
        needles.forEach((what, needle) -> {
            String bytes = FileScan.asStoredBytes(needle);
            stored.forEach((file, content) -> assertThat(content).as(what + " in " + file).doesNotContain(bytes));
            assertThat(console).as(what + " on the console").doesNotContain(needle);
        });
    }

    /**
     * Runs {@code client interview} of the reference study at KH-SVR in Khmer on the device at {@code deviceHome}
     * from {@code answers} (an answers file), and asserts it succeeded.
     */
    public static void interview(Path deviceHome, Path answers) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = ClientMain.commandLine(Map.of("FIELDSAFE_PASSPHRASE", "enumerator passphrase 1"),
                FieldsafeClient.Settings.defaults());
        cli.setOut(new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cli.execute("interview", "--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--home", deviceHome.toString(), "--answers", answers.toString());
        assertThat(exit).as("interview: " + err.toString(StandardCharsets.UTF_8)).isZero();
    }

    /**
     * An answers file for one adult rights holder at KH-SVR of the reference study: consent, name and address
     * (direct identifiers: the identity part), three answers, and a disclosure referred (the referral part).
     */
    public static String answersFile(String code, String name, String answerOne, String answerTwo, String answerThree)
            throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        ObjectNode file = JSON.createObjectNode().put("form", "interview").put("site", "KH-SVR").put("lang", "km");
        ObjectNode respondent = file.putArray("respondents").addObject();
        respondent.putObject("consent").put("participation", "yes").put("recording_consent", "no")
                .put("consent_mode", "verbal").put("age", 41).put("respondent_code", code)
                .put("interviewer", "enum-kh1").put("consent_date", today).put("research_partner", "Partner KH");
        ObjectNode a = respondent.putObject("answers");
        a.put("category", "RH").put("name", name).put("age", 41).put("gender", "female")
                .put("address", "Phum Prey Kdouch, Svay Rieng").put("interview_date", today)
                .put("q_meaning", answerOne).put("q_causes", answerTwo).put("q_protection", answerThree)
                .put("disclosure_check", "yes").put("closing_hopes", "more schools");
        ArrayNode indicators = a.putArray("indicators");
        indicators.add("debt_bondage");
        ObjectNode disclosure = file.putArray("disclosures").addObject();
        disclosure.put("respondent", 0).put("choice", "refer");
        disclosure.putObject("routes").put("kh-child-helpline", true);
        disclosure.putObject("contact").put("how", "phone").put("when", "evenings");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file);
    }
}
