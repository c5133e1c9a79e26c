package org.fieldsafe.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.InterviewCrypto;
import org.fieldsafe.client.fieldwork.TestDevice;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.Drafts;
import org.fieldsafe.client.store.PullUpdate;
import org.fieldsafe.client.store.StoredStudy;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client interview} on a device store filled with the reference study's canonical JSON, with a
 * stand-in sealer that records the plaintext parts and puts no plaintext in the envelope.
 */
class InterviewCommandTest {
    static final Path STUDY_DIR = Path.of("..", "forms", "beyond-awareness");
    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "interview");
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final FieldsafeClient.Settings SETTINGS = new FieldsafeClient.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(10), Clock.fixed(NOW, ZoneOffset.UTC));

    @TempDir
    Path home;

    final Map<String, byte[]> sealedPlaintexts = new LinkedHashMap<>();
    final TestTerminal terminal = new TestTerminal(TestDevice.recordingSealer(sealedPlaintexts));
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ObjectMapper mapper = JsonMappers.plain();

    @BeforeEach
    void device() throws Exception {
        TestDevice.prepare(home, NOW);
    }

    /** The stored study with every translation state allowed in interviews (missing ones too). */
    private void allowMissingTranslations() throws Exception {
        storeStudy(referenceStudy().withInterviewLanguages(new org.fieldsafe.core.forms.InterviewLanguages(
                List.of(org.fieldsafe.core.forms.TranslationState.values()))), "{}");
    }

    private void sql(String statement) throws Exception {
        TestDevice.sql(home, statement);
    }

    /** The draft passphrase the interactive runs use (strong enough for {@code DraftPassphrase}). */
    static final Map<String, String> PASSPHRASE = Map.of("FIELDSAFE_PASSPHRASE", "correct horse");

    private int run(String... args) {
        return runWith(PASSPHRASE, args);
    }

    private int runWith(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("interview", "--home", home.toString()));
        all.addAll(List.of(args));
        var cmd = terminal.commandLine(env, SETTINGS);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(all.toArray(String[]::new));
    }

    private int pending() throws Exception {
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            return store.outbox().pending().size();
        }
    }

    @Test
    void interview_answersFile_sealsIntoTheOutboxWithoutPlaintext() throws Exception {
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--answers", FIXTURES.resolve("answers-kh-adult.json").toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("sealed submission ", "parts identity, referral, research",
                "redacted in respondent 0 q_meaning: NAME x1, PHONE x1", "closing_hopes: EMAIL x1",
                "waiting in the outbox: 1")
                // the broker's number in the answers (Khmer digits) in any form, not a bare "012" that a random
                // submission id may contain
                .doesNotContain("Sokha", "០១២", "012 345 678", "012345678");
        assertThat(pending()).isEqualTo(1);
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            String envelope = new String(store.outbox().pending().get(0).envelope(), StandardCharsets.UTF_8);
            assertThat(envelope).doesNotContain("Sokha", "KH-SVR-RH-007", "debt_bondage", "Thmey");
            JsonNode header = mapper.readTree(envelope).get("header");
            assertThat(header.get("triage").get("choice").asText()).isEqualTo("refer");
            assertThat(header.get("form").get("sha256").asText()).isEqualTo(store.formSha256("interview", 1).get());
            assertThat(store.drafts().list()).isEmpty();
        }
        String research = new String(sealedPlaintexts.get("research"), StandardCharsets.UTF_8);
        assertThat(research).doesNotContain("Sokha", "Chan", "Thmey", "Svay Rieng", "sokha.chan", "៣៤៥");
        assertThat(research).contains("KH-SVR-RH-007", "[PHONE]", "[EMAIL]");
        assertThat(new String(sealedPlaintexts.get("identity"), StandardCharsets.UTF_8)).contains("Sokha Chan");
    }

    @Test
    void interview_template_printsTheSkeletonThatReadsBack() throws Exception {
        assertThat(run("--form", "interview", "--site", "KH-SVR", "--lang", "km", "--answers-template")).isZero();
        ObjectNode template = (ObjectNode) mapper.readTree(out.toString());
        assertThat(template.get("form").asText()).isEqualTo("interview");
        assertThat(template.get("lang").asText()).isEqualTo("km");
        JsonNode consent = template.get("respondents").get(0).get("consent");
        assertThat(consent.has("participation")).isTrue();
        assertThat(consent.get("participation").isNull()).isTrue();
        assertThat(consent.has("info_study")).isFalse();
        assertThat(template.get("disclosures").isArray()).isTrue();
        JsonNode name = template.get("questions").get("name");
        assertThat(name.get("sensitivity").asText()).isEqualTo("direct_identifier");
        assertThat(name.get("form").asText()).isEqualTo("interview");
        assertThat(template.get("questions").get("indicators").get("disclosure").asBoolean()).isTrue();
        assertThat(template.get("questions").get("participation").get("choices").toString()).isEqualTo("[\"yes\",\"no\"]");
        assertThat(template.get("questions").has("consent.age")).isTrue();

        JsonNode filled = mapper.readTree(FIXTURES.resolve("answers-kh-adult.json").toFile());
        ObjectNode r0 = (ObjectNode) template.get("respondents").get(0);
        filled.get("respondents").get(0).get("consent").fields()
                .forEachRemaining(e -> ((ObjectNode) r0.get("consent")).set(e.getKey(), e.getValue()));
        filled.get("respondents").get(0).get("answers").fields()
                .forEachRemaining(e -> ((ObjectNode) r0.get("answers")).set(e.getKey(), e.getValue()));
        template.set("disclosures", filled.get("disclosures"));
        Path file = home.resolve("filled.json");
        Files.write(file, mapper.writeValueAsBytes(template));
        assertThat(run("--form", "interview", "--site", "KH-SVR", "--lang", "km", "--answers", file.toString()))
                .as(err.toString()).isZero();
        assertThat(pending()).isEqualTo(1);
    }

    @Test
    void interview_minorWithoutAssent_isRefusedAndWritesNothing() throws Exception {
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--answers", FIXTURES.resolve("answers-minor-no-assent.json").toString());
        assertThat(status).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("respondent 0", "child assent").hasLineCount(1);
        assertThat(pending()).isZero();
        assertThat(sealedPlaintexts).isEmpty();
    }

    @Test
    void interview_unknownQuestion_namesItAndWritesNothing() throws Exception {
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--answers", FIXTURES.resolve("answers-unknown-question.json").toString());
        assertThat(status).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("respondent 0, question 'favourite_colour'").doesNotContain("blue");
        assertThat(pending()).isZero();
    }

    @Test
    void interview_wrongType_namesTheQuestionNotTheValue() throws Exception {
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--answers", FIXTURES.resolve("answers-wrong-type.json").toString());
        assertThat(status).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("respondent 0, question 'age'", "number").doesNotContain("thirty");
        assertThat(pending()).isZero();
    }

    @Test
    void interview_jointCategoryMismatch_isRefused() throws Exception {
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--answers", FIXTURES.resolve("answers-joint-mismatch.json").toString());
        assertThat(status).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("respondent 1, question 'category'", "same category");
        assertThat(pending()).isZero();
    }

    @Test
    void interview_otherSiteOrLanguage_isRefused() throws Exception {
        assertThat(run("--form", "interview", "--site", "BD-DHK", "--lang", "bn", "--answers-template"))
                .isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("not this device's site");
        assertThat(run("--form", "interview", "--site", "KH-SVR", "--lang", "fr", "--answers-template"))
                .isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("language fr is not a language");
    }

    @Test
    void interview_notEnrolled_isRefused() {
        List<String> args = List.of("interview", "--home", home.resolve("elsewhere").toString(), "--form",
                "interview", "--site", "KH-SVR", "--lang", "km", "--answers-template");
        var cmd = terminal.commandLine(Map.of(), SETTINGS);
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute(args.toArray(String[]::new))).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("no enrolled device");
    }

    @Test
    void interview_formsNotPulled_isRefused() throws Exception {
        sql("DELETE FROM forms");
        assertThat(run("--form", "interview", "--site", "KH-SVR", "--lang", "km", "--answers-template"))
                .isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("pull the forms first");
    }

    @Test
    void interview_noPinnedStudyKeys_refusesAndWritesNothing() throws Exception {
        terminal.sealers = InterviewCrypto.standard().sealers();
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--answers", FIXTURES.resolve("answers-kh-adult.json").toString());
        assertThat(status).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("no identity study key is pinned", "nothing was written");
        assertThat(pending()).isZero();
    }

    @Test
    void interview_realSealing_partsOpenWithTheStudyKeysOnly() throws Exception {
        terminal.sealers = InterviewCrypto.standard().sealers();
        Map<String, KeyPairBytes> keys = TestDevice.pinStudyKeys(home, NOW);
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--answers", FIXTURES.resolve("answers-kh-adult.json").toString());
        assertThat(status).as(err.toString()).isZero();
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            Envelope envelope = mapper.readValue(store.outbox().pending().get(0).envelope(), Envelope.class);
            assertThat(envelope.header().respondents().get(0).codeHash())
                    .isEqualTo(RespondentCodes.hash(new byte[32], "KH-SVR-RH-007"));
            String research = new String(Sealing.open(envelope, "research", keys.get("research").fingerprint(),
                    keys.get("research").privateKey()), StandardCharsets.UTF_8);
            assertThat(research).contains("KH-SVR-RH-007", "[PHONE]").doesNotContain("Sokha");
            String referral = new String(Sealing.open(envelope, "referral", keys.get("safeguarding").fingerprint(),
                    keys.get("safeguarding").privateKey()), StandardCharsets.UTF_8);
            assertThat(referral).contains("\"choice\":\"refer\"");
            assertThat(envelope.parts().get("identity").recipients()).extracting(Envelope.WrappedKey::keyId)
                    .containsExactly(keys.get("identity").fingerprint());
        }
    }

    @Test
    void interview_pauseThenResume_keepsOnlyCiphertextThenSealsAndDeletesTheDraft() throws Exception {
        Map<String, String> env = Map.of("FIELDSAFE_PASSPHRASE", "correct horse");
        terminal.input = () -> new BufferedReader(new StringReader(
                String.join("\n", "", "", "", "", "", "", "yes", "no", "verbal", "34", "KH-SVR-RH-007", ":pause") + "\n"));
        assertThat(runWith(env, "--form", "interview", "--site", "KH-SVR", "--lang", "km")).as(err.toString()).isZero();
        String draftId;
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            List<Drafts.Draft> drafts = store.drafts().list();
            assertThat(drafts).hasSize(1);
            draftId = drafts.get(0).draftId();
            assertThat(new String(drafts.get(0).ciphertext(), StandardCharsets.UTF_8))
                    .contains("argon2id").doesNotContain("KH-SVR-RH-007", "verbal");
        }
        assertThat(out.toString()).contains("paused: draft " + draftId);

        terminal.input = () -> new BufferedReader(new StringReader(String.join("\n", "enum-kh1",
                "2026-11-22", "Partner KH", "RH", "", "", "", "", "2026-11-22", "", "Poverty.", "", "", "", "", "no",
                "none", "Hope.", "", "") + "\n"));
        assertThat(runWith(Map.of("FIELDSAFE_PASSPHRASE", "wrong"), "--form", "interview", "--site", "KH-SVR",
                "--lang", "km", "--resume", draftId)).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("wrong passphrase");
        assertThat(runWith(env, "--form", "interview", "--site", "KH-SVR", "--lang", "km", "--resume", draftId))
                .as(err.toString() + out).isZero();
        assertThat(out.toString()).contains("waiting in the outbox: 1");
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            assertThat(store.drafts().list()).isEmpty();
        }
    }

    @Test
    void interview_interactive_walksTheFormsAndSeals() throws Exception {
        List<String> lines = new ArrayList<>(List.of("", "", "", "", "", "", "maybe", "yes", "no", "verbal", "34",
                "KH-SVR-RH-007", "enum-kh1", "2026-11-22", "Partner KH",
                "RH", ":skip", "", "", "", "2026-11-22", "", "Poverty.", "", "", "", "", "no", "none", "Hope.",
                "", ""));
        terminal.input = () -> new BufferedReader(new StringReader(String.join("\n", lines) + "\n"));
        assertThat(run("--form", "interview", "--site", "KH-SVR", "--lang", "lhu")).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("cannot interview in Lahu (lhu): its translation of form consent is"
                + " missing (not translated), and study beyond-awareness allows interviews only in languages whose"
                + " translation is complete, reviewed or draft");
        assertThat(pending()).isZero();
        assertThat(out.toString()).doesNotContain("WARNING: the Lahu");

        allowMissingTranslations();
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "lhu");
        assertThat(status).as(err.toString() + out).isZero();
        assertThat(out.toString()).contains("[en] ", "! respondent 0, question 'participation': not one of the choices",
                "waiting in the outbox: 1", "shown in en (no lhu text)",
                "WARNING: the Lahu (lhu) translation of form consent is missing (not translated)",
                "  WARNING: not translated: shown in English because the Lahu (lhu) translation of form consent is"
                        + " missing");
        long questionsShown = out.toString().lines().filter(l -> l.startsWith("[en] ")).count();
        long warnings = out.toString().lines().filter(l -> l.startsWith("  WARNING: not translated")).count();
        assertThat(warnings).isEqualTo(questionsShown).isGreaterThan(10);
        assertThat(sealedPlaintexts).containsOnlyKeys("research");
    }

    @Test
    void interview_interactiveDisclosure_showsTheDirectoryAndAsksTheChoice() throws Exception {
        List<String> lines = new ArrayList<>(List.of("", "", "", "", "", "", "yes", "no", "verbal", "34",
                "KH-SVR-RH-007", "enum-kh1", "2026-11-22", "Partner KH",
                "RH", "", "", "", "", "2026-11-22", "", ":disclose", "", "immediate", "", "", "", "", "", "no", "none",
                "", "", "", "maybe", "refer", "kh-child-helpline", "", ""));
        terminal.input = () -> new BufferedReader(new StringReader(String.join("\n", lines) + "\n"));
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km");
        assertThat(status).as(err.toString() + out).isZero();
        assertThat(out.toString()).contains("បញ្ជីសេវាបញ្ជូនបន្តនៃ KH-SVR", "kh-child-helpline: ",
                "! មិនមែនជាតម្លៃមួយក្នុងបញ្ជីទេ", "waiting in the outbox: 1");
        String referral = new String(sealedPlaintexts.get("referral"), StandardCharsets.UTF_8);
        assertThat(referral).contains("\"urgency\":\"immediate\"", "\"kh-child-helpline\":true");
    }

    @Test
    void interview_interactiveDisclosureByHandThenByRule_announcesEachOnce() throws Exception {
        List<String> lines = new ArrayList<>(List.of("", "", "", "", "", "", "yes", "no", "verbal", "34",
                "KH-SVR-RH-007", "enum-kh1", "2026-11-22", "Partner KH",
                "RH", "", "", "", "", "2026-11-22", "", ":disclose", "", "immediate", "", "", "", "", "", "yes", "none",
                "", "", "", "refer", "kh-child-helpline", "", ""));
        terminal.input = () -> new BufferedReader(new StringReader(String.join("\n", lines) + "\n"));
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km");
        assertThat(status).as(err.toString() + out).isZero();
        String text = out.toString();
        // the hand-raised one when raised; the rule's one when disclosure_check is answered yes, not the first again
        assertThat(text.split("លើកឡើងដោយអ្នកសម្ភាសន៍", -1)).hasSize(2);
        assertThat(text).contains("ពីចម្លើយលើសំណួរ disclosure_check");
        assertThat(pending()).isEqualTo(1);
    }

    @Test
    void interview_interactiveStop_discardsEverything() throws Exception {
        terminal.input = () -> new BufferedReader(new StringReader("\n\n:stop\n"));
        assertThat(run("--form", "interview", "--site", "KH-SVR", "--lang", "km")).isZero();
        assertThat(out.toString()).contains("stopped: nothing was kept");
        assertThat(pending()).isZero();
    }

    @Test
    void interview_interactivePauseWithoutDraftCipher_saysSoAndGoesOn() throws Exception {
        terminal.drafts = null;
        terminal.input = () -> new BufferedReader(new StringReader(":pause\n:stop\n"));
        assertThat(run("--form", "interview", "--site", "KH-SVR", "--lang", "km")).isZero();
        assertThat(out.toString()).contains("pausing is not available", "nothing was kept");
    }

    /** Replaces the study on the device (and the stored manifest body), as a pull would. */
    private void storeStudy(org.fieldsafe.core.forms.Study study, String manifestBody) throws Exception {
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            store.applyPull(new PullUpdate(null, manifestBody.getBytes(StandardCharsets.UTF_8),
                    new StoredStudy(study.id(), study.sha256(), study.canonicalJson(), NOW), List.of(), List.of(),
                    List.of(), NOW));
        }
    }

    private static org.fieldsafe.core.forms.Study referenceStudy() throws Exception {
        return StudyLoader.load(STUDY_DIR).study();
    }

    /** The reference study with every KH-SVR entry confirmed on {@code date}. */
    private static org.fieldsafe.core.forms.Study confirmedOn(java.time.LocalDate date) throws Exception {
        org.fieldsafe.core.forms.Study study = referenceStudy();
        org.fieldsafe.core.forms.ReferralDirectory d = study.site("KH-SVR").orElseThrow().directory();
        List<org.fieldsafe.core.forms.DirectoryService> confirmed = d.services().stream()
                .map(x -> new org.fieldsafe.core.forms.DirectoryService(x.id(), x.kind(), x.name(), x.phone(),
                        x.hours(), x.languages(), x.genderServed(), x.cost(), x.involvesAuthorities(), x.emergency(),
                        date)).toList();
        return study.withDirectory("KH-SVR", new org.fieldsafe.core.forms.ReferralDirectory(d.version(), confirmed));
    }

    private int runDirectory(String... args) {
        List<String> all = new ArrayList<>(List.of("directory", "--home", home.toString()));
        all.addAll(List.of(args));
        var cmd = terminal.commandLine(Map.of(), SETTINGS);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(all.toArray(String[]::new));
    }

    @Test
    void directory_printsTheStoredDirectoryOffline_emergencyFirst_unconfirmedMarked() {
        // the device's server (localhost:1) is not reachable: the listing comes from the store
        assertThat(runDirectory("--site", "KH-SVR")).as(err.toString()).isZero();
        String text = out.toString();
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).startsWith("referral directory of KH-SVR, version 1");
        assertThat(lines.get(2)).startsWith("EMERGENCY  kh-police: Police (police)")
                .contains("INVOLVES AUTHORITIES");
        assertThat(lines.get(3)).contains("phone 117", "hours 24/7", "languages km", "serves any", "cost free",
                "involves authorities yes", "UNCONFIRMED");
        assertThat(lines.get(5)).contains("serves children", "involves authorities no");
        assertThat(lines.get(4)).startsWith("           kh-child-helpline: Child Helpline Cambodia (hotline)")
                .doesNotContain("AUTHORITIES");
        assertThat(text).contains("kh-ccwc", "kh-mosavy", "kh-lscw", "UNCONFIRMED or STALE");
        assertThat(text.indexOf("kh-police")).isLessThan(text.indexOf("kh-child-helpline"));
    }

    @Test
    void directory_otherSiteAndLanguage_namesFallBackMarked() {
        assertThat(runDirectory("--site", "BD-DHK", "--lang", "bn")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("referral directory of BD-DHK",
                "EMERGENCY  bd-emergency: [en] National emergency service", "phone 999");
        assertThat(runDirectory("--site", "XX-YYY")).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("no referral directory of site XX-YYY is on this device");
        assertThat(runDirectory("--lang", "fr")).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("language fr is not a language");
    }

    @Test
    void directory_confirmedAndStaleEntries_areMarkedByAge() throws Exception {
        storeStudy(confirmedOn(java.time.LocalDate.of(2026, 1, 10)), "{}");
        assertThat(runDirectory()).as(err.toString()).isZero();
        assertThat(out.toString()).contains("confirmed 2026-01-10").doesNotContain("STALE", "UNCONFIRMED");
        out.getBuffer().setLength(0);
        assertThat(runDirectory("--max-age-days", "30")).isZero();
        assertThat(out.toString()).contains("confirmed 2026-01-10 (STALE: over 30 days ago)",
                "5 of 5 entries UNCONFIRMED or STALE");
    }

    @Test
    void interview_siteWithoutDirectoryOnTheDevice_isRefusedAndWritesNothing() throws Exception {
        storeStudy(referenceStudy().withDirectory("KH-SVR", new org.fieldsafe.core.forms.ReferralDirectory(1,
                List.of())), "{}");
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--answers", FIXTURES.resolve("answers-kh-adult.json").toString());
        assertThat(status).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("the referral directory of site KH-SVR is not on this device",
                "no interview can start without it");
        assertThat(pending()).isZero();
        assertThat(sealedPlaintexts).isEmpty();
    }

    @Test
    void interview_directoryOtherThanTheManifestLists_isRefused() throws Exception {
        storeStudy(referenceStudy(), "{\"site\": \"KH-SVR\", \"directory\": {\"site\": \"KH-SVR\", \"version\": 2,"
                + " \"sha256\": \"" + "ab".repeat(32) + "\"}}");
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--answers", FIXTURES.resolve("answers-kh-adult.json").toString());
        assertThat(status).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("(version 1) is not the one the server lists (version 2)");
        assertThat(pending()).isZero();
    }

    @Test
    void interview_unconfirmedEmergencyEntry_warnsAtTheStart_confirmedDoesNot() throws Exception {
        assertThat(run("--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--answers", FIXTURES.resolve("answers-kh-adult.json").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("WARNING: referral directory of KH-SVR: emergency entry kh-police"
                + " (ប៉ូលីស, 117) is UNCONFIRMED");
        assertThat(out.toString().indexOf("WARNING")).isLessThan(out.toString().indexOf("sealed submission"));

        out.getBuffer().setLength(0);
        storeStudy(confirmedOn(java.time.LocalDate.of(2026, 10, 1)), "{}");
        assertThat(run("--form", "interview", "--site", "KH-SVR", "--lang", "km",
                "--answers", FIXTURES.resolve("answers-kh-adult.json").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("WARNING: referral directory").contains("sealed submission");
    }

    @Test
    void interview_interactiveImmediateDisclosure_showsEmergencyEntriesAtOnce_scriptAndAuthorityNeedsItsOwnYes()
            throws Exception {
        List<String> lines = new ArrayList<>(List.of("", "", "", "", "", "", "yes", "no", "verbal", "34",
                "KH-SVR-RH-007", "enum-kh1", "2026-11-22", "Partner KH",
                "RH", "", "", "", "", "2026-11-22", "", ":disclose", "", "immediate", "", "", "", "", "", "no", "none",
                "", "", "", "refer", "kh-police, kh-child-helpline", "", "own phone", "after 6 pm"));
        terminal.input = () -> new BufferedReader(new StringReader(String.join("\n", lines) + "\n"));
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km");
        assertThat(status).as(err.toString() + out).isZero();
        String text = out.toString();
        int immediate = text.indexOf("ភ្លាមៗ៖ សេវាសង្គ្រោះបន្ទាន់នៃ KH-SVR");
        assertThat(immediate).isPositive();
        // shown at once: before the next question of the form, long before the referral offer at the end
        assertThat(text.indexOf("EMERGENCY  kh-police", immediate)).isPositive();
        assertThat(text.indexOf("[1 interview q_causes", immediate)).isGreaterThan(text.indexOf("kh-police", immediate));
        assertThat(text).contains(":pause ដើម្បីសម្រាក", ":stop ដើម្បីបញ្ចប់បទសម្ភាសន៍",
                "អានឱ្យឮ: អរគុណដែលបានប្រាប់ខ្ញុំ",
                "kh-police (ប៉ូលីស) ពាក់ព័ន្ធនឹងប៉ូលីស");
        String referral = new String(sealedPlaintexts.get("referral"), StandardCharsets.UTF_8);
        assertThat(referral).contains("\"kh-police\":false", "\"kh-child-helpline\":true", "\"how\":\"own phone\"",
                "\"when\":\"after 6 pm\"", "\"choice\":\"refer\"");
        assertThat(referral).doesNotContain("Partner KH", "enum-kh1");
    }

    @Test
    void interview_interactiveAuthorityRoute_explicitYesIsKept() throws Exception {
        List<String> lines = new ArrayList<>(List.of("", "", "", "", "", "", "yes", "no", "verbal", "34",
                "KH-SVR-RH-007", "enum-kh1", "2026-11-22", "Partner KH",
                "RH", "", "", "", "", "2026-11-22", "", ":disclose", "", "urgent", "", "", "", "", "", "no", "none",
                "", "", "", "refer", "kh-police", "no", "refer", "kh-police", "yes", "", ""));
        terminal.input = () -> new BufferedReader(new StringReader(String.join("\n", lines) + "\n"));
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km");
        assertThat(status).as(err.toString() + out).isZero();
        assertThat(out.toString()).doesNotContain("សេវាសង្គ្រោះបន្ទាន់នៃ KH-SVR")
                .contains("! ការបញ្ជូនបន្តត្រូវការការយល់ព្រមរបស់អ្នកផ្តល់ចម្លើយ");
        String referral = new String(sealedPlaintexts.get("referral"), StandardCharsets.UTF_8);
        assertThat(referral).contains("\"routes\":{\"kh-police\":true}");
    }

    @Test
    void interview_answersFileRouteNotABoolean_isRefusedAndWritesNothing() throws Exception {
        ObjectNode file = (ObjectNode) mapper.readTree(FIXTURES.resolve("answers-kh-adult.json").toFile());
        ObjectNode d = file.putArray("disclosures").addObject();
        d.put("respondent", 0).put("category", "current_risk").put("urgency", "urgent").put("choice", "refer");
        d.putObject("routes").put("kh-police", "yes");
        Path answers = home.resolve("answers-route.json");
        mapper.writeValue(answers.toFile(), file);
        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km", "--answers", answers.toString());
        assertThat(status).isEqualTo(ClientMain.FAILED);
        assertThat(err.toString()).contains("route 'kh-police' needs true or false");
        assertThat(pending()).isZero();
    }

    /**
     * The adult answers file with the interviewer-only disclosure question answered {@code disclosureCheck}, no
     * indicator, and a disclosure raised by hand (information only), written to {@code name} in the home.
     */
    private Path answersRaisedByHand(String name, String disclosureCheck, String category, String urgency)
            throws Exception {
        ObjectNode file = (ObjectNode) mapper.readTree(FIXTURES.resolve("answers-kh-adult.json").toFile());
        ObjectNode interview = (ObjectNode) file.get("respondents").get(0).get("answers");
        interview.put("disclosure_check", disclosureCheck);
        interview.putArray("indicators").add("none");
        ObjectNode d = file.putArray("disclosures").addObject();
        d.put("respondent", 0).put("category", category).put("urgency", urgency).put("choice", "information_only");
        Path answers = home.resolve(name);
        mapper.writeValue(answers.toFile(), file);
        return answers;
    }

    @Test
    void case_handRaised_originEnumerator() throws Exception {
        // the enumerator raises a disclosure by hand and, as the form asks, answers the interviewer-only disclosure
        // question yes: the form's rule fires too, at the same urgency; the case's origin is still the enumerator
        Path answers = answersRaisedByHand("answers-by-hand-and-rule.json", "yes", "exploitation_risk", "urgent");

        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km", "--answers", answers.toString());

        assertThat(status).as(err.toString()).isZero();
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            JsonNode triage = mapper.readTree(store.outbox().pending().get(0).envelope()).get("header").get("triage");
            assertThat(triage.get("raisedByEnumerator").asBoolean()).isTrue();
            assertThat(triage.get("category").asText()).isEqualTo("exploitation_risk");
            assertThat(triage.get("urgency").asText()).isEqualTo("urgent");
        }
    }

    @Test
    void interview_answersFileDisclosureRaisedByHand_headerCarriesOnlyTriage_referralPartOnlyWhatTheOfficerNeeds()
            throws Exception {
        Path answers = answersRaisedByHand("answers-by-hand.json", "no", "current_risk", "immediate");

        int status = run("--form", "interview", "--site", "KH-SVR", "--lang", "km", "--answers", answers.toString());

        assertThat(status).as(err.toString()).isZero();
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            JsonNode header = mapper.readTree(store.outbox().pending().get(0).envelope()).get("header");
            JsonNode triage = header.get("triage");
            List<String> fields = new ArrayList<>();
            triage.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("category", "urgency", "choice", "raisedByEnumerator");
            assertThat(triage.get("category").asText()).isEqualTo("current_risk");
            assertThat(triage.get("urgency").asText()).isEqualTo("immediate");
            assertThat(triage.get("choice").asText()).isEqualTo("information_only");
            assertThat(triage.get("raisedByEnumerator").asBoolean()).isTrue();
            assertThat(header.get("site").asText()).isEqualTo("KH-SVR");
        }
        JsonNode referral = mapper.readTree(sealedPlaintexts.get("referral"));
        List<String> fields = new ArrayList<>();
        referral.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("code", "category", "urgency", "choice", "routes", "contact");
        assertThat(referral.get("routes").size()).isZero();
        assertThat(referral.get("contact").get("how").isNull()).isTrue();
        assertThat(referral.toString()).doesNotContain("Sokha", "Thmey", "debt_bondage", "1990");
    }

    @Test
    void interview_interactiveDirectoryCommand_listsTheDirectoryAndStaysOnTheQuestion() throws Exception {
        terminal.input = () -> new BufferedReader(new StringReader(":directory\n:stop\n"));
        assertThat(run("--form", "interview", "--site", "KH-SVR", "--lang", "km")).as(err.toString()).isZero();
        String text = out.toString();
        int listing = text.indexOf("បញ្ជីសេវាបញ្ជូនបន្តនៃ KH-SVR កំណែ 1");
        assertThat(listing).isPositive();
        assertThat(text.indexOf("EMERGENCY  kh-police", listing)).isPositive();
        // the same first question is shown again after the listing
        assertThat(text.indexOf("[1 consent info_study]", listing)).isPositive();
        assertThat(text).contains("stopped: nothing was kept");
    }
}
