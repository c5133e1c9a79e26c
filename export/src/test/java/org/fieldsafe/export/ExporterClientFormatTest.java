package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldsafe.client.interview.HmacCodeHasher;
import org.fieldsafe.client.interview.InterviewResult;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.client.interview.Prompt;
import org.fieldsafe.client.interview.StopPolicy;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine reads research parts exactly as the client library builds and seals them. */
class ExporterClientFormatTest {
    private static final ObjectMapper JSON = JsonMappers.plain();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private static Map<String, Object> consent(String code, int age) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("participation", "yes");
        m.put("recording_consent", "no");
        m.put("consent_mode", "verbal");
        m.put("age", age);
        m.put("respondent_code", code);
        m.put("interviewer", "enum-kh1");
        m.put("consent_date", "2026-11-22");
        m.put("research_partner", "Partner KH");
        return m;
    }

    private static Map<String, Object> answers(String name, int age) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category", "RH");
        m.put("name", name);
        m.put("age", age);
        m.put("gender", "female");
        m.put("address", "Phum Thmey " + name);
        m.put("interview_date", "2026-11-22");
        m.put("q_meaning", "People are taken across the border. " + name + " told me so.");
        m.put("q_causes", "Poverty and debt.");
        m.put("disclosure_check", "no");
        m.put("indicators", List.of("none"));
        return m;
    }

    private static void fill(InterviewSession s, Map<String, Object> consent, Map<String, Object> answers)
            throws Exception {
        while (s.current(0).isPresent()) {
            Prompt p = s.current(0).get();
            Map<String, Object> source = p.formId().equals("consent") ? consent : answers;
            s.answer(0, source.get(p.questionId()));
        }
    }

    private static InterviewResult.Context context(FormDefinition consentForm, FormDefinition interviewForm,
                                                   byte[] codeKey) {
        return new InterviewResult.Context("dev-1", "enum-kh1",
                new SubmissionHeader.FormRef("consent", 1, consentForm.sha256()),
                new SubmissionHeader.FormRef("interview", 1, interviewForm.sha256()),
                new HmacCodeHasher(codeKey), CLOCK);
    }

    /**
     * Exports every text format in Khmer into {@code out/} under the test's directory, with the study's base
     * generalisation only (no wider levels: these tests are about what the client seals, not the lattice search).
     */
    private ExportManifest export(StudyBundle b, List<SealedSubmission> subs, KeyPairBytes research)
            throws Exception {
        org.fieldsafe.core.forms.Anonymisation a = b.study().anonymisation();
        org.fieldsafe.core.forms.Study base = ExportFixtures.withAnonymisation(b.study(),
                new org.fieldsafe.core.forms.Anonymisation(a.quasiIdentifiers(), a.ageBands(), a.dates()));
        // the text formats (the QDPX zip's texts are checked by QdpxExportTest)
        Set<ExportFormat> text = java.util.EnumSet.complementOf(java.util.EnumSet.of(ExportFormat.XLSX,
                ExportFormat.QDPX));
        return new Exporter(base, ExportFixtures.forms(b), CLOCK, 2).run(
                new ExportRequest("beyond-awareness", text, "km", null, false),
                ExportFixtures.listSource(subs), research.fingerprint(), research.privateKey(),
                new DirectorySink(tmp.resolve("out")), tmp.resolve("work"), ExportProgress.NONE);
    }

    @Test
    void run_clientSealedInterviews_exportedWithoutIdentifiers() throws Exception {
        StudyBundle b = ExportFixtures.bundle();
        FormDefinition consentForm = b.form("consent").orElseThrow();
        FormDefinition interviewForm = b.form("interview").orElseThrow();
        KeyPairBytes research = StudyKeys.generateX25519();
        KeyPairBytes identity = StudyKeys.generateX25519();
        byte[] codeKey = RespondentCodes.newKey();
        List<SealedSubmission> subs = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String code = String.format("KH-SVR-RH-%03d", i + 1);
            String name = "Sokha" + (char) ('A' + i) + "chan";
            int age = i < 5 ? 30 + i : 70;
            forbidden.addAll(List.of(code, name, "Phum Thmey " + name));
            InterviewSession s = InterviewSession.start(b.study(), consentForm, interviewForm, "km", "KH-SVR", 1,
                    new InterviewSession.Options(CLOCK, StopPolicy.KEEP_ANSWERED));
            fill(s, consent(code, age), answers(name, age));
            InterviewResult result = InterviewResult.build(s, context(consentForm, interviewForm, codeKey));
            assertThat(result.parts()).containsKeys(Envelope.RESEARCH, Envelope.IDENTITY);
            Envelope envelope = Sealing.seal(result.header(), result.parts(), Map.of(
                    Envelope.RESEARCH, List.of(RecipientKey.of(research.publicKey())),
                    Envelope.IDENTITY, List.of(RecipientKey.of(identity.publicKey()))));
            subs.add(new SealedSubmission(result.header().submissionId(), result.header(),
                    JSON.writeValueAsBytes(envelope)));
            forbidden.add(result.header().submissionId());
        }
        ExportManifest m = export(b, subs, research);
        assertThat(m.unopenable()).isEmpty();
        assertThat(m.counts().respondentsExported()).isEqualTo(5);
        assertThat(m.counts().respondentsSuppressed()).isEqualTo(1);
        String wide = Files.readString(tmp.resolve("out/export-wide.csv"));
        assertThat(wide).contains(",RH,25-34,female,2026-11,", "[NAME] told me so.", "Poverty and debt.")
                .doesNotContain("65+");
        try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                for (String value : forbidden) {
                    assertThat(text).as("%s in %s", value, f.getFileName()).doesNotContain(value);
                }
            }
        }
    }

    @Test
    void run_referralPartsNeverExported_evenWhenTheResearchKeyCouldOpenThem() throws Exception {
        StudyBundle b = ExportFixtures.bundle();
        FormDefinition consentForm = b.form("consent").orElseThrow();
        FormDefinition interviewForm = b.form("interview").orElseThrow();
        KeyPairBytes research = StudyKeys.generateX25519();
        KeyPairBytes safeguarding = StudyKeys.generateX25519();
        byte[] codeKey = RespondentCodes.newKey();
        String how = "Call cousin Dara after dusk zq";
        String when = "Evenings after the market zq";
        List<SealedSubmission> subs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            InterviewSession s = InterviewSession.start(b.study(), consentForm, interviewForm, "km", "KH-SVR", 1,
                    new InterviewSession.Options(CLOCK, StopPolicy.KEEP_ANSWERED));
            String code = String.format("KH-SVR-RH-%03d", 20 + i);
            fill(s, consent(code, 30), answers("Dara" + i, 30));
            s.raiseDisclosure(0, "current_risk", org.fieldsafe.core.forms.Urgency.URGENT);
            s.referral(0, new org.fieldsafe.client.interview.Referral(
                    org.fieldsafe.client.interview.ReferralChoice.REFER, Map.of("kh-lscw", true), how, when));
            InterviewResult result = InterviewResult.build(s, context(consentForm, interviewForm, codeKey));
            assertThat(result.parts()).containsKey(Envelope.REFERRAL);
            assertThat(new String(result.parts().get(Envelope.REFERRAL), java.nio.charset.StandardCharsets.UTF_8))
                    .contains(how, when);
            // worst case: the referral part also sealed to the research key, so only the engine's choice of part
            // keeps it out of the export
            Map<String, List<RecipientKey>> recipients = new LinkedHashMap<>();
            for (String part : result.parts().keySet()) {
                recipients.put(part, part.equals(Envelope.REFERRAL)
                        ? List.of(RecipientKey.of(safeguarding.publicKey()), RecipientKey.of(research.publicKey()))
                        : List.of(RecipientKey.of(research.publicKey())));
            }
            Envelope envelope = Sealing.seal(result.header(), result.parts(), recipients);
            subs.add(new SealedSubmission(result.header().submissionId(), result.header(),
                    JSON.writeValueAsBytes(envelope)));
        }
        ExportManifest m = export(b, subs, research);
        assertThat(m.unopenable()).isEmpty();
        assertThat(m.counts().respondentsExported()).isEqualTo(5);
        try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
            for (Path f : files.toList()) {
                assertThat(Files.readString(f)).as(f.getFileName().toString())
                        .doesNotContain(how).doesNotContain(when).doesNotContain("kh-lscw");
            }
        }
    }
}
