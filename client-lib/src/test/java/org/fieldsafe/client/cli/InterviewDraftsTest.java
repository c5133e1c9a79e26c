package org.fieldsafe.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.TestDevice;
import org.fieldsafe.client.interview.DraftState;
import org.fieldsafe.client.interview.PassphraseDraftCipher;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.Drafts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive {@code client interview} and its drafts: autosave at every answer (also across Ctrl-C in a real
 * child process), resume, commands, the draft passphrase, {@code client status}, and the disclosure flow in Khmer.
 */
class InterviewDraftsTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final FieldsafeClient.Settings SETTINGS = new FieldsafeClient.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(10), Clock.fixed(NOW, ZoneOffset.UTC));
    static final String PASSPHRASE = "correct horse";
    static final Map<String, String> ENV = Map.of(InterviewCommand.PASSPHRASE_ENV, PASSPHRASE);
    /** The consent form of an adult up to the respondent code: six notes, then participation ... code. */
    static final List<String> CONSENT_TO_CODE = List.of("", "", "", "", "", "", "yes", "no", "verbal", "34",
            "KH-SVR-RH-007");
    /** From the interviewer question to the end of the KH-SVR interview, no disclosure. */
    static final List<String> REST = List.of("enum-kh1", "2026-11-22", "Partner KH", "RH", "", "", "", "",
            "2026-11-22", "", "Poverty.", "", "", "", "", "no", "none", "Hope.", "", "");

    /** What the stand-in sealer was given, by part name. */
    final Map<String, byte[]> sealedPlaintexts = new LinkedHashMap<>();
    final TestTerminal terminal = new TestTerminal(TestDevice.recordingSealer(sealedPlaintexts));
    @TempDir
    Path home;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @BeforeEach
    void enrolledDeviceWithTheReferenceStudy() throws Exception {
        TestDevice.prepare(home, NOW);
    }

    private int run(Map<String, String> env, List<String> input, String... args) {
        terminal.input = () -> new BufferedReader(new StringReader(String.join("\n", input) + "\n"));
        out = new StringWriter();
        err = new StringWriter();
        var cmd = terminal.commandLine(env, SETTINGS);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    private int interview(Map<String, String> env, List<String> input, String... more) {
        List<String> args = new ArrayList<>(List.of("interview", "--home", home.toString(), "--form", "interview",
                "--site", "KH-SVR", "--lang", "km"));
        args.addAll(List.of(more));
        return run(env, input, args.toArray(String[]::new));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<Drafts.Draft> drafts() throws Exception {
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            return store.drafts().list();
        }
    }

    private DraftState open(Drafts.Draft draft) throws Exception {
        return DraftState.fromJson(new PassphraseDraftCipher().decrypt(draft.ciphertext(), PASSPHRASE.toCharArray()));
    }

    // ---- Ctrl-C and kill in a real child process ----

    /** The client CLI in a child JVM with piped stdin and stdout, as an enumerator's terminal would run it. */
    private Process child() throws Exception {
        List<String> command = new ArrayList<>();
        if (defaultSigintAvailable()) {
            // a JVM started with SIGINT ignored (a build run in the background by a shell without job control
            // passes SIG_IGN down) never sees Ctrl-C; give the child the default action, as a terminal would
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ClientMain.class.getName(), "interview", "--home",
                home.toString(), "--form", "interview", "--site", "KH-SVR", "--lang", "km"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put(InterviewCommand.PASSPHRASE_ENV, PASSPHRASE);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** Whether GNU env can reset SIGINT to its default for the child (coreutils 8.31 and later). */
    private static boolean defaultSigintAvailable() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static StringBuffer collect(InputStream in) {
        StringBuffer text = new StringBuffer();
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException ignored) {
                // the child is gone
            }
        });
        t.setDaemon(true);
        t.start();
        return text;
    }

    private static void await(StringBuffer text, String marker) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!text.toString().contains(marker)) {
            assertThat(System.nanoTime()).as("waiting for '" + marker + "' in:\n" + text).isLessThan(end);
            Thread.sleep(50);
        }
    }

    /** Types the consent answers up to the respondent code, waits until the next question shows, then signals. */
    private StringBuffer answerThenSignal(boolean sigint) throws Exception {
        TestDevice.pinStudyKeys(home, NOW);
        Process p = child();
        StringBuffer text = collect(p.getInputStream());
        OutputStream stdin = p.getOutputStream();
        stdin.write((String.join("\n", CONSENT_TO_CODE) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        // the next question shows only after the code was answered, and so saved
        await(text, "[1 consent interviewer");
        if (sigint) {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            assertThat(kill.waitFor()).isZero();
        } else {
            p.destroyForcibly();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(text.toString()).isTrue();
        return text;
    }

    private void assertEveryAnswerIsInTheDraft() throws Exception {
        List<Drafts.Draft> drafts = drafts();
        assertThat(drafts).hasSize(1);
        assertThat(new String(drafts.get(0).ciphertext(), StandardCharsets.UTF_8)).doesNotContain("KH-SVR-RH-007");
        Map<String, Object> consent = open(drafts.get(0)).respondents().get(0).consent();
        assertThat(consent).containsEntry("participation", "yes").containsEntry("recording_consent", "no")
                .containsEntry("consent_mode", "verbal").containsEntry("respondent_code", "KH-SVR-RH-007")
                .hasEntrySatisfying("age", age -> assertThat(age).hasToString("34"));
    }

    @Test
    void interview_ctrlC_keepsEveryAnswerInDraft() throws Exception {
        StringBuffer text = answerThenSignal(true);
        assertThat(text.toString()).contains("interrupted: every answer given is kept in draft");
        assertEveryAnswerIsInTheDraft();

        // and it resumes where it stopped, then seals and deletes the draft
        String id = drafts().get(0).draftId();
        assertThat(interview(ENV, REST, "--resume", id)).as(err.toString() + out).isZero();
        String resumed = out.toString();
        assertThat(resumed.indexOf("[1 consent")).isEqualTo(resumed.indexOf("[1 consent interviewer"));
        assertThat(resumed).contains("waiting in the outbox: 1");
        assertThat(new String(sealedPlaintexts.get("research"), StandardCharsets.UTF_8)).contains("KH-SVR-RH-007");
        assertThat(drafts()).isEmpty();
    }

    @Test
    void interview_killed_keepsEveryAnswerInDraft() throws Exception {
        answerThenSignal(false);
        assertEveryAnswerIsInTheDraft();
    }

    // ---- in-process ----

    @Test
    void interview_resumeDraft_continuesWhereLeft() throws Exception {
        // the input ends (a closed terminal) after the respondent code: the command fails, the draft stays
        assertThat(interview(ENV, CONSENT_TO_CODE)).isEqualTo(ClientMain.FAILED);
        String id = drafts().get(0).draftId();
        assertThat(err.toString()).contains("every answer given is kept in draft " + id).hasLineCount(1);
        // a new interview at the same site offers it, and a stop there discards only the new one's draft
        assertThat(interview(ENV, List.of(":stop"))).isZero();
        assertThat(out.toString()).contains("open draft " + id + " (km, saved " + NOW + "): continue it with --resume "
                + id, "stopped: nothing was kept");
        assertThat(drafts()).extracting(Drafts.Draft::draftId).containsExactly(id);

        assertThat(interview(ENV, List.of("enum-kh1", ":pause"), "--resume", id)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("resuming draft " + id + ": 11 questions answered so far",
                "paused: draft " + id);
        assertThat(out.toString().indexOf("[1 consent")).isEqualTo(out.toString().indexOf("[1 consent interviewer"));
        assertThat(open(drafts().get(0)).respondents().get(0).consent()).containsEntry("interviewer", "enum-kh1");

        assertThat(interview(ENV, REST.subList(1, REST.size()), "--resume", id)).as(err.toString() + out).isZero();
        assertThat(out.toString()).contains("[1 consent consent_date").doesNotContain("[1 consent interviewer")
                .contains("waiting in the outbox: 1");
        String research = new String(sealedPlaintexts.get("research"), StandardCharsets.UTF_8);
        assertThat(research).contains("KH-SVR-RH-007", "Poverty.");
        assertThat(drafts()).isEmpty();
    }

    @Test
    void interactive_unknownCommandOrHelp_notStoredAndTheQuestionAskedAgain() throws Exception {
        List<String> input = concat(CONSENT_TO_CODE, List.of(":help", ":xyz", ":pause"));
        assertThat(interview(ENV, input)).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains(":xyz is not a command (nothing was stored)", ":back (the previous question again)");
        // the interviewer question three times: first, after :help, after :xyz
        assertThat(text.split("\\[1 consent interviewer", -1)).hasSize(4);
        DraftState draft = open(drafts().get(0));
        assertThat(new String(draft.toJson(), StandardCharsets.UTF_8)).doesNotContain(":help", ":xyz");
        assertThat(draft.respondents().get(0).consent()).doesNotContainKey("interviewer");
    }

    @Test
    void interactive_back_asksThePreviousQuestionAgainAndSkipLogicFollows() throws Exception {
        List<String> input = new ArrayList<>(List.of("", "", "", "", "", "", "yes", "no", "verbal", "15", ":back",
                "34", ":pause"));
        assertThat(interview(ENV, input)).as(err.toString()).isZero();
        String text = out.toString();
        int back = text.indexOf("[1 consent guardian_consent");
        assertThat(back).isPositive();
        assertThat(text.indexOf("[1 consent age", back)).isPositive();
        assertThat(text.indexOf("(answered before: 15; type it again or a new answer)", back)).isPositive();
        assertThat(text.indexOf("[1 consent respondent_code", back)).isPositive();
        assertThat(text.indexOf("[1 consent guardian_consent", back + 1)).isNegative();
    }

    @Test
    void draftPassphrase_mismatchOrWeak_askedAgainThenRefused() throws Exception {
        Deque<String> typed = new ArrayDeque<>(List.of("correct horse", "correct horsf", "short", "short",
                "correct horse", "correct horse"));
        terminal.passphrases = prompt -> typed.removeFirst().toCharArray();
        assertThat(interview(Map.of(), List.of(":pause"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("the two draft passphrases differ; try again",
                "the draft passphrase is too weak: it needs at least 10 characters").doesNotContain("short");
        assertThat(open(drafts().get(0)).site()).isEqualTo("KH-SVR");

        Deque<String> bad = new ArrayDeque<>(List.of("a", "b", "a", "b", "a", "b"));
        terminal.passphrases = prompt -> bad.removeFirst().toCharArray();
        assertThat(interview(Map.of(), List.of(":pause"))).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("differ; nothing was written").hasLineCount(1);
        assertThat(interview(Map.of(InterviewCommand.PASSPHRASE_ENV, "onlyletters"), List.of(":pause")))
                .isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("FIELDSAFE_PASSPHRASE: the draft passphrase is too weak")
                .doesNotContain("onlyletters");
        assertThat(drafts()).hasSize(1);
    }

    @Test
    void status_listsDraftsWithoutRespondentData() throws Exception {
        assertThat(interview(ENV, concat(CONSENT_TO_CODE, List.of(":pause")))).as(err.toString()).isZero();
        String id = drafts().get(0).draftId();
        // no passphrase in the environment: listing needs none
        assertThat(run(Map.of(), List.of(), "status", "--home", home.toString())).as(err.toString()).isZero();
        String status = out.toString();
        assertThat(status).contains("drafts: 1", id + "  form interview  site KH-SVR  lang km  progress 11/",
                "saved " + NOW, "--resume " + id);
        assertThat(status).doesNotContain("KH-SVR-RH-007", "verbal", "34 ");
    }

    @Test
    void disclosure_khmerInterview_promptsInKhmerWithChoicesListed() throws Exception {
        List<String> input = concat(CONSENT_TO_CODE, List.of("enum-kh1", "2026-11-22", "Partner KH", "RH", "",
                "", "", "", "2026-11-22", "", ":disclose", "", "", "", "", "", "", "", "no", "none", "", "", "",
                "2", ""));
        assertThat(interview(ENV, input)).as(err.toString() + out).isZero();
        String text = out.toString();
        assertThat(text).contains(
                "ប្រភេទនៃការបង្ហាញព័ត៌មាន  1) ហានិភ័យបច្ចុប្បន្ន (current_risk)  2) ការរំលោភសិទ្ធិ (rights_violation)"
                        + "  [Enter៖ current_risk]: ",
                "កម្រិតបន្ទាន់  1) ភ្លាមៗ (immediate)  2) បន្ទាន់ (urgent)  3) ធម្មតា (routine)  [Enter៖ urgent]: ",
                "អ្នកផ្តល់ចម្លើយទី 1 បានបង្ហាញព័ត៌មាន (ហានិភ័យបច្ចុប្បន្ន, បន្ទាន់)៖ ជម្រើសនៃការបញ្ជូនបន្ត"
                        + "  1) បញ្ជូនបន្តទៅសេវា (refer)  2) ផ្តល់តែព័ត៌មាន (information_only)  3) បដិសេធ (decline): ",
                "អានឱ្យឮ: អរគុណដែលបានប្រាប់ខ្ញុំ");
        assertThat(text).contains("ការបង្ហាញព័ត៌មាន (ហានិភ័យបច្ចុប្បន្ន, បន្ទាន់, លើកឡើងដោយអ្នកសម្ភាសន៍)",
                "បញ្ជីសេវាបញ្ជូនបន្តនៃ KH-SVR កំណែ 1");
        assertThat(text).doesNotContain("disclosure category", "referral choice (refer", "read out:", "DISCLOSURE (",
                "referral directory of KH-SVR, version", "[en]");
        assertThat(new String(sealedPlaintexts.get("referral"), StandardCharsets.UTF_8))
                .contains("\"choice\":\"information_only\"");
    }

    @Test
    void disclosure_invalidField_reaskedImmediately() throws Exception {
        List<String> input = concat(CONSENT_TO_CODE, List.of("enum-kh1", "2026-11-22", "Partner KH", "RH", "",
                "", "", "", "2026-11-22", "", ":disclose", "", "urgnet", "routine", "", "", "", "", "", "no", "none",
                "", "", "", "refer", "kh-chld-helpline", "kh-child-helpline", "own phone", "", "", ""));
        assertThat(interview(ENV, input)).as(err.toString() + out).isZero();
        String text = out.toString();
        int typo = text.indexOf("! មិនមែនជាតម្លៃមួយក្នុងបញ្ជីទេ");
        assertThat(typo).isPositive();
        // asked again at once: the urgency prompt follows the error, before any question of the form
        int again = text.indexOf("កម្រិតបន្ទាន់  1)", typo);
        assertThat(again).isPositive().isLessThan(text.indexOf("[1 interview", typo));
        // a mistyped service is asked again as a service, not from the referral choice
        int service = text.indexOf("! kh-chld-helpline មិនមែនជាសេវាមួយក្នុងបញ្ជីសេវាបញ្ជូនបន្តទេ");
        assertThat(service).isPositive();
        assertThat(text.indexOf("ជម្រើសនៃការបញ្ជូនបន្ត", service)).isNegative();
        String referral = new String(sealedPlaintexts.get("referral"), StandardCharsets.UTF_8);
        assertThat(referral).contains("\"urgency\":\"routine\"", "\"kh-child-helpline\":true",
                "\"how\":\"own phone\"");
    }
}
