package org.fieldsafe.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.fieldsafe.client.FakeServer;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.core.crypto.Digests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClientMainTest {
    static final FieldsafeClient.Settings SETTINGS = new FieldsafeClient.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(5), Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC));
    static final String CODE = "ABCD-EFGH-JKMN";

    @TempDir
    Path tmp;

    Path home;
    FakeServer server;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("laptop1");
        server = FakeServer.withFixtures();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void enrol_validCode_printsTheDeviceButNeverTheToken() {
        Run run = run("enrol", "--server", server.uri().toString(), "--code", CODE, "--home", home.toString(),
                "--name", "laptop-7");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("enrolled device dev-7f3a (laptop-7) for study beyond-awareness, site KH-SVR")
                .contains("fieldsafe client forms pull --home " + home);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void enrol_invalidCode_oneLineOnStderrAndExitOne() {
        server.on("POST", "/api/v1/devices/enrol", FakeServer.json(400, FakeServer.fixture("problem-code-invalid.json")));

        Run run = run("enrol", "--server", server.uri().toString(), "--code", CODE, "--home", home.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("fieldsafe: the server refused to enrol this device: Enrolment code not valid"
                + " - The code is unknown, used, revoked or expired. (HTTP 400)" + System.lineSeparator());
        assertThat(home).doesNotExist();
    }

    @Test
    void enrol_alreadyEnrolled_refusedUnlessForced() {
        enrol();

        Run again = run("enrol", "--server", server.uri().toString(), "--code", "WXYZ-WXYZ-WXYZ", "--home", home.toString());
        Run forced = run("enrol", "--server", server.uri().toString(), "--code", "WXYZ-WXYZ-WXYZ", "--home",
                home.toString(), "--force");

        assertThat(again.exit()).isEqualTo(1);
        assertOneLine(again.err());
        assertThat(again.err()).contains("already enrolled").contains("--force");
        assertThat(forced.exit()).isZero();
    }

    @Test
    void enrol_missingOption_usageErrorOnOneLineAndExitTwo() {
        Run run = run("enrol", "--code", CODE, "--home", home.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertOneLine(run.err());
        assertThat(run.err()).contains("Missing required option: '--server=URL'").contains("fieldsafe client enrol --help");
    }

    @Test
    void enrol_serverUnreachable_oneLine() {
        server.close();

        Run run = run("enrol", "--server", server.uri().toString(), "--code", CODE, "--home", home.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertOneLine(run.err());
        assertThat(run.err()).startsWith("fieldsafe: cannot reach the server at " + server.uri() + ": ");
    }

    @Test
    void formsPull_firstTime_showsProgress() {
        enrol();

        Run run = run("forms", "pull", "--home", home.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(lines(
                "pulling study beyond-awareness... ok",
                "pulling 2 forms... consent v1 ok, interview v1 ok",
                "done: 2 forms on this device, 2 new, study updated"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void formsPull_secondTime_saysUpToDate() {
        enrol();
        run("forms", "pull", "--home", home.toString());

        Run run = run("forms", "pull", "--home", home.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(lines("up to date: 2 forms on this device"));
    }

    @Test
    void formsPull_hashMismatch_closesTheProgressLineThenOneErrorLine() {
        enrol();
        server.on("GET", "/api/v1/sync/forms/interview/versions/1",
                FakeServer.authorised(FakeServer.json(200, FakeServer.fixture("forms/interview-v2.json"))));

        Run run = run("forms", "pull", "--home", home.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(lines("pulling study beyond-awareness... ok", "pulling 2 forms... consent v1 ok"));
        assertOneLine(run.err());
        assertThat(run.err()).startsWith("fieldsafe: form interview v1 from the server does not match the manifest");
        assertThat(run("forms", "list", "--home", home.toString()).out()).contains("no forms on this device yet");
    }

    @Test
    void formsPull_revokedDevice_saysEnrolAgain() {
        enrol();
        server.on("GET", "/api/v1/sync/manifest",
                FakeServer.problem(401, "unauthorised", "Not authenticated", "Missing, unknown or revoked token."));

        Run run = run("forms", "pull", "--home", home.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertOneLine(run.err());
        assertThat(run.err()).contains("revoked or its token is invalid").contains("enrol it again");
    }

    @Test
    void formsPull_serverGone_oneLine() {
        enrol();
        server.close();

        Run run = run("forms", "pull", "--home", home.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertOneLine(run.err());
        assertThat(run.err()).startsWith("fieldsafe: cannot reach the server at ");
    }

    @Test
    void formsPull_notEnrolled_oneLineAndCreatesNothing() {
        Run run = run("forms", "pull", "--home", home.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertOneLine(run.err());
        assertThat(run.err()).contains("no enrolled device at " + home).contains("fieldsafe client enrol");
        assertThat(home).doesNotExist();
    }

    @Test
    void formsList_afterPull_showsFormsWithLanguagesAndStates() {
        enrol();
        run("forms", "pull", "--home", home.toString());

        Run run = run("forms", "list", "--home", home.toString());

        assertThat(run.exit()).isZero();
        String consentHash = Digests.sha256Hex(FakeServer.fixture("forms/consent-v1.json")).substring(0, 12);
        String interviewHash = Digests.sha256Hex(FakeServer.fixture("forms/interview-v1.json")).substring(0, 12);
        assertThat(run.out()).isEqualTo(lines(
                "study beyond-awareness, site KH-SVR",
                "FORM       KIND       VERSION  HASH          TITLE                       LANGUAGES",
                "consent    consent    v1       " + consentHash + "  Informed consent            "
                        + "en complete, km draft, lhu missing",
                "interview  interview  v1       " + interviewHash + "  Perceptions of trafficking  "
                        + "en complete, km missing, lhu missing"));
    }

    @Test
    void formsList_homeFromEnvironment() {
        enrol();
        run("forms", "pull", "--home", home.toString());

        Run run = run(Map.of("FIELDSAFE_HOME", home.toString()), "forms", "list");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("consent").contains("km draft");
    }

    @Test
    void formsList_notEnrolled_oneLine() {
        Run run = run("forms", "list", "--home", home.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertOneLine(run.err());
        assertThat(run.err()).contains("enrol it first");
    }

    @Test
    void help_onEveryCommand_printsUsageAndExitsZero() {
        for (String[] args : new String[][] {{"--help"}, {"enrol", "--help"}, {"forms", "--help"},
                {"forms", "pull", "--help"}, {"forms", "list", "-h"}}) {
            Run run = run(args);

            assertThat(run.exit()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).startsWith("Usage: fieldsafe client");
        }
        assertThat(run("enrol", "--help").out()).contains("--server=URL").contains("--code=CODE").contains("--home=DIR")
                .contains("--name=DEVICE_NAME").contains("--force");
    }

    @Test
    void noCommand_usageErrorExitTwo() {
        Run run = run();

        assertThat(run.exit()).isEqualTo(2);
        assertOneLine(run.err());
    }

    @Test
    void verbose_failure_addsTheStackTrace() {
        Run run = run("--verbose", "forms", "list", "--home", home.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("fieldsafe: no enrolled device").contains("ClientException").contains("\tat ");
    }

    private void enrol() {
        Run run = run("enrol", "--server", server.uri().toString(), "--code", CODE, "--home", home.toString());
        assertThat(run.exit()).as(run.err()).isZero();
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    private Run run(Map<String, String> env, String... args) {
        CommandLine cmd = ClientMain.commandLine(env, SETTINGS);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        Run run = new Run(exit, out.toString(), err.toString());
        assertThat(run.out() + run.err()).doesNotContain(FakeServer.TOKEN);
        return run;
    }

    private static void assertOneLine(String err) {
        assertThat(err).endsWith(System.lineSeparator());
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(err).startsWith("fieldsafe: ").doesNotContain("\tat ");
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
