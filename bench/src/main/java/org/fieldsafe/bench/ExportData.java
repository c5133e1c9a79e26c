package org.fieldsafe.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionIds;
import org.fieldsafe.export.ResearchPart;
import org.fieldsafe.export.SyntheticPeople;

/**
 * Realistic sealed interviews for the export benchmark, one envelope's JSON a line: the reference study's real
 * interview and consent forms, a research part as the client builds it (form, language, respondents with code,
 * category, consent and answers; about one interview in eight joint) sealed for real to the research key; one in five
 * also has an identity part (name, address) sealed to the identity key, as {@link EnvelopeFactory} does. Who the
 * respondents are comes from the export tests' synthetic study ({@link SyntheticPeople}): sites and categories in the
 * proportions of the study's Table 3, its ages (a few minors), genders, interview languages (Lahu at Sannimit) and
 * dates, so the quasi-identifiers are distributed as in the study and the export's generalisation has real work;
 * the free-text answers are in the site's language, sized so the whole envelope is 8-16 KB (uniform).
 */
final class ExportData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TEXT_QUESTIONS = List.of("q_meaning", "q_causes", "q_protection", "q_risk",
            "q_reduction", "closing_hopes");
    private static final List<String> INDICATORS = List.of("document_confiscation", "debt_bondage", "confinement",
            "threats_to_family", "excessive_hours", "deceptive_recruitment");
    /** UTF-8 bytes per character of the answer languages (Bengali, Khmer, Devanagari and Thai letters: 3). */
    private static final int BYTES_PER_CHAR = 3;
    private static final int ENVELOPE_OVERHEAD = 1500;

    private final StudyBundle bundle;
    private final FormDefinition interview;
    private final FormDefinition consent;
    private final KeyPairBytes research;
    private final KeyPairBytes identity;
    private final byte[] codeKey = RespondentCodes.newKey();

    ExportData(StudyBundle bundle, KeyPairBytes research, KeyPairBytes identity) {
        this.bundle = bundle;
        this.interview = bundle.form("interview").orElseThrow();
        this.consent = bundle.form("consent").orElseThrow();
        this.research = research;
        this.identity = identity;
    }

    /** Writes {@code count} sealed interviews to {@code file}, sealing in parallel; returns the total bytes. */
    long write(Path file, int count, long seed) throws IOException {
        long bytes = 0;
        int chunk = 1000;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int from = 0; from < count; from += chunk) {
                int base = from;
                List<byte[]> lines = IntStream.range(from, Math.min(count, from + chunk)).parallel()
                        .mapToObj(i -> envelope(new SplittableRandom(seed * 1_000_003L + i), i)).toList();
                for (byte[] line : lines) {
                    out.write(line);
                    out.write('\n');
                    bytes += line.length;
                }
                if ((base / chunk) % 10 == 9) {
                    System.out.println("generated " + (base + chunk));
                }
            }
        }
        return bytes;
    }

    private byte[] envelope(SplittableRandom random, int i) {
        String[] siteAndCategory = SyntheticPeople.siteAndCategory(random);
        String site = siteAndCategory[0];
        String category = siteAndCategory[1];
        String language = SyntheticPeople.interviewLanguage(site, category);
        String textLanguage = SyntheticPeople.LANGUAGE.get(site);
        int respondents = random.nextInt(8) == 0 ? 2 : 1;
        int target = 8192 + random.nextInt(8192 + 1);
        int textBudget = Math.max(600, (target - ENVELOPE_OVERHEAD) * 3 / 4 - 900 * respondents);
        int chars = textBudget / respondents / TEXT_QUESTIONS.size() / BYTES_PER_CHAR;
        LocalDate date = SyntheticPeople.date(random);
        List<ResearchPart.Respondent> researchRespondents = new ArrayList<>();
        List<Map<String, Object>> identityRespondents = new ArrayList<>();
        List<SubmissionHeader.RespondentAssertion> assertions = new ArrayList<>();
        for (int r = 0; r < respondents; r++) {
            String code = String.format("%s-%s-%03d", site, category, random.nextInt(1000));
            int age = SyntheticPeople.age(random, category);
            Map<String, Object> consentAnswers = new LinkedHashMap<>();
            consentAnswers.put("participation", "yes");
            consentAnswers.put("recording_consent", "no");
            consentAnswers.put("consent_mode", "verbal");
            consentAnswers.put("age", BigInteger.valueOf(age));
            if (age < 18) {
                consentAnswers.put("guardian_consent", "yes");
                consentAnswers.put("guardian_consent_mode", "verbal");
                consentAnswers.put("child_assent", "yes");
            }
            consentAnswers.put("respondent_code", code);
            consentAnswers.put("interviewer", "enumerator " + site);
            Map<String, Object> answers = new LinkedHashMap<>();
            answers.put("category", category);
            answers.put("age", BigInteger.valueOf(age));
            answers.put("gender", SyntheticPeople.gender(random, category));
            answers.put("interview_date", date.toString());
            for (String q : TEXT_QUESTIONS) {
                answers.put(q, SyntheticPeople.text(random, textLanguage, chars));
            }
            answers.put("disclosure_check", "no");
            List<String> picked = new ArrayList<>();
            for (String indicator : INDICATORS) {
                if (random.nextInt(5) == 0) {
                    picked.add(indicator);
                }
            }
            answers.put("indicators", picked.isEmpty() ? List.of("none") : picked);
            researchRespondents.add(new ResearchPart.Respondent(code, category, consentAnswers, answers));
            identityRespondents.add(Map.of("code", code, "answers", Map.of("name", "Name " + i + "-" + r,
                    "address", "Address " + i + "-" + r)));
            assertions.add(new SubmissionHeader.RespondentAssertion(RespondentCodes.hash(codeKey, code), category,
                    new SubmissionHeader.ConsentAssertion(true, false, "verbal", age < 18, age < 18 ? true : null,
                            age < 18 ? true : null)));
        }
        SubmissionHeader.FormRef form = new SubmissionHeader.FormRef(interview.id(), 1, interview.sha256());
        SubmissionHeader.FormRef consentRef = new SubmissionHeader.FormRef(consent.id(), 1, consent.sha256());
        Map<String, byte[]> parts = new TreeMap<>();
        Map<String, List<RecipientKey>> recipients = new TreeMap<>();
        parts.put(Envelope.RESEARCH, json(ResearchPart.of(form, language, researchRespondents)));
        recipients.put(Envelope.RESEARCH, List.of(RecipientKey.of(research.publicKey())));
        if (random.nextInt(5) == 0) {
            parts.put(Envelope.IDENTITY, json(Map.of("respondents", identityRespondents)));
            recipients.put(Envelope.IDENTITY, List.of(RecipientKey.of(identity.publicKey())));
        }
        SubmissionHeader header = new SubmissionHeader(SubmissionHeader.VERSION, SubmissionIds.next(),
                bundle.study().id(), form, consentRef, site, "device-" + (i % 200), "enumerator-" + (i % 200),
                Instant.parse(date + "T09:30:00Z").toString(), language, List.copyOf(assertions), null,
                List.copyOf(parts.keySet()));
        return json(Sealing.seal(header, parts, recipients));
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
