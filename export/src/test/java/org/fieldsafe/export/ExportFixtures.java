package org.fieldsafe.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormValidationException;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionIds;

/**
 * A generated "Beyond Awareness" data set sealed as the client seals it (docs/sealing.md, client InterviewResult):
 * a research part (form, language, respondents with code, category, consent and answers; direct identifiers left
 * out) sealed to the research key and an identity part (name, address) sealed to the identity key. A pool of
 * respondents per site and category: some are interviewed twice, about one interview in eight is joint (two
 * respondents of the same category). Every respondent-interview has a unique, non-identifying marker in its
 * free text, so a test can tell which generated respondent an exported row is.
 */
final class ExportFixtures {
    static final Path STUDY_DIR = Path.of("..", "forms", "beyond-awareness");
    private static final ObjectMapper JSON = JsonMappers.plain();
    private static final List<String> CATEGORIES = List.of("RH", "DB", "CS");
    private static final List<String> INDICATORS = List.of("document_confiscation", "debt_bondage", "confinement",
            "threats_to_family", "excessive_hours", "deceptive_recruitment");

    private ExportFixtures() {
    }

    static StudyBundle bundle() {
        try {
            return StudyLoader.load(STUDY_DIR);
        } catch (FormValidationException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The study with other anonymisation settings. */
    static org.fieldsafe.core.forms.Study withAnonymisation(org.fieldsafe.core.forms.Study s,
                                                           org.fieldsafe.core.forms.Anonymisation a) {
        return s.withAnonymisation(a);
    }

    /** Version 1 of every form of the bundle. */
    /** The study with {@code quasi} never generalised (its hierarchy removed) and another suppression limit. */
    static org.fieldsafe.core.forms.Study withoutHierarchy(org.fieldsafe.core.forms.Study s, String quasi,
                                                           int maxSuppressedPercent) {
        org.fieldsafe.core.forms.Anonymisation a = s.anonymisation();
        Map<String, List<org.fieldsafe.core.forms.Generalisation.Level>> kept =
                new java.util.HashMap<>(a.generalisation().hierarchies());
        kept.remove(quasi);
        return withAnonymisation(s, new org.fieldsafe.core.forms.Anonymisation(a.quasiIdentifiers(), a.ageBands(),
                a.dates(), new org.fieldsafe.core.forms.Generalisation(kept, a.generalisation().regions(),
                maxSuppressedPercent, null)));
    }

    static List<ExportForm> forms(StudyBundle b) {
        return b.forms().stream().map(f -> new ExportForm(1, f)).toList();
    }

    /** A generated respondent: what only the identity part and the test may know, and the quasi-identifiers. */
    record Person(String code, String site, String category, int age, String gender, String name, String address) {
    }

    /** One respondent of one generated interview and its marker. */
    record Answered(Person person, String submissionId, String marker) {
    }

    /** The generated data: the sealed submissions and, for the tests, what went into them. */
    record Generated(List<SealedSubmission> submissions, List<Answered> answered) {
        /** The values that must never appear in an export: names, addresses (and codes without stable codes). */
        List<String> directValues() {
            return answered.stream().flatMap(a -> java.util.stream.Stream.of(a.person().name(),
                    a.person().address())).distinct().toList();
        }
    }

    /**
     * {@code interviews} interviews over the study's 7 sites, sealed to {@code research} (and {@code identity}).
     * Every tenth also carries name and address in its research part, as a faulty device might: the export
     * must drop them there too.
     */
    static Generated generate(StudyBundle b, KeyPairBytes research, KeyPairBytes identity, int interviews, long seed) {
        Random random = new Random(seed);
        FormDefinition interview = b.form("interview").orElseThrow();
        FormDefinition consent = b.form("consent").orElseThrow();
        List<Site> sites = b.study().sites();
        Map<String, List<Person>> pool = new TreeMap<>();
        List<SealedSubmission> out = new ArrayList<>();
        List<Answered> answered = new ArrayList<>();
        for (int i = 0; i < interviews; i++) {
            String site = sites.get(i % sites.size()).id();
            String category = CATEGORIES.get(random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0);
            List<Person> known = pool.computeIfAbsent(site + "-" + category, k -> new ArrayList<>());
            int count = random.nextInt(8) == 0 ? 2 : 1;
            List<Person> people = new ArrayList<>();
            for (int r = 0; r < count; r++) {
                Person again = known.isEmpty() ? null : known.get(random.nextInt(known.size()));
                if (again != null && random.nextInt(6) == 0 && !people.contains(again)) {
                    people.add(again);
                } else {
                    Person p = newPerson(random, site, category, known.size() + 1);
                    known.add(p);
                    people.add(p);
                }
            }
            String id = SubmissionIds.next();
            List<Answered> these = new ArrayList<>();
            for (Person p : people) {
                these.add(new Answered(p, id, "marker" + (answered.size() + these.size())));
            }
            answered.addAll(these);
            out.add(seal(b, interview, consent, research, identity, id, site, these, random, i % 10 == 0));
        }
        return new Generated(List.copyOf(out), List.copyOf(answered));
    }

    private static Person newPerson(Random random, String site, String category, int n) {
        int roll = random.nextInt(100);
        int age = roll < 4 ? 15 + random.nextInt(3) : roll < 8 ? 66 + random.nextInt(15) : 25 + random.nextInt(25);
        int g = random.nextInt(100);
        String gender = g < 47 ? "female" : g < 94 ? "male" : g < 97 ? "other" : "no_answer";
        String token = Long.toString(Math.abs(random.nextLong()), 36);
        return new Person(String.format("%s-%s-%03d", site, category, n), site, category, age, gender,
                "Nm" + token + "x", "Addr" + token + "y");
    }

    /** The consent form's answers of a generated respondent (verbal consent, no recording; a minor's guardian
     * consent and assent). */
    static Map<String, Object> consentAnswers(Person p) {
        Map<String, Object> consentAnswers = new LinkedHashMap<>();
        consentAnswers.put("participation", "yes");
        consentAnswers.put("recording_consent", "no");
        consentAnswers.put("consent_mode", "verbal");
        consentAnswers.put("age", BigInteger.valueOf(p.age()));
        if (p.age() < 18) {
            // asked of minors only (consent.yaml: relevant ${age} < 18)
            consentAnswers.put("guardian_consent", "yes");
            consentAnswers.put("guardian_consent_mode", "verbal");
            consentAnswers.put("child_assent", "yes");
        }
        consentAnswers.put("respondent_code", p.code());
        return consentAnswers;
    }

    /** The interview's header answers of a generated respondent: category, age, gender, date. */
    static Map<String, Object> headerAnswers(Person p, LocalDate date) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("category", p.category());
        answers.put("age", BigInteger.valueOf(p.age()));
        answers.put("gender", p.gender());
        answers.put("interview_date", date.toString());
        return answers;
    }

    private static SealedSubmission seal(StudyBundle b, FormDefinition interview, FormDefinition consent,
                                         KeyPairBytes research, KeyPairBytes identity, String id, String site,
                                         List<Answered> respondents, Random random, boolean leakIdentifiers) {
        byte[] codeKey = new byte[RespondentCodes.KEY_BYTES];
        LocalDate date = LocalDate.of(2017, 12, 1).plusDays(random.nextInt(60));
        List<ResearchPart.Respondent> researchRespondents = new ArrayList<>();
        List<Map<String, Object>> identityRespondents = new ArrayList<>();
        List<SubmissionHeader.RespondentAssertion> assertions = new ArrayList<>();
        for (Answered a : respondents) {
            Person p = a.person();
            Map<String, Object> consentAnswers = consentAnswers(p);
            Map<String, Object> answers = headerAnswers(p, date);
            answers.put("q_meaning", "People are promised jobs abroad, " + a.marker() + ".");
            answers.put("q_causes", "Poverty and debt; \"quoted\", with a comma\nand a second line.");
            answers.put("disclosure_check", "no");
            List<String> picked = new ArrayList<>();
            for (String indicator : INDICATORS) {
                if (random.nextInt(4) == 0) {
                    picked.add(indicator);
                }
            }
            if (!picked.isEmpty()) {
                answers.put("indicators", picked);
            }
            if (leakIdentifiers) {
                answers.put("name", p.name());
                answers.put("address", p.address());
            }
            researchRespondents.add(new ResearchPart.Respondent(p.code(), p.category(), consentAnswers, answers));
            identityRespondents.add(Map.of("code", p.code(), "answers", Map.of("name", p.name(),
                    "address", p.address())));
            assertions.add(new SubmissionHeader.RespondentAssertion(RespondentCodes.hash(codeKey, p.code()),
                    p.category(), new SubmissionHeader.ConsentAssertion(true, false, "verbal", p.age() < 18,
                    p.age() < 18 ? Boolean.TRUE : null, p.age() < 18 ? Boolean.TRUE : null)));
        }
        return sealParts(b, interview, consent, research, identity, id, site, "en", date, researchRespondents,
                identityRespondents, assertions);
    }

    /** One interview's research and identity parts sealed as the client seals them, in {@code language}. */
    static SealedSubmission sealParts(StudyBundle b, FormDefinition interview, FormDefinition consent,
                                      KeyPairBytes research, KeyPairBytes identity, String id, String site,
                                      String language, LocalDate date, List<ResearchPart.Respondent> researchRespondents,
                                      List<Map<String, Object>> identityRespondents,
                                      List<SubmissionHeader.RespondentAssertion> assertions) {
        SubmissionHeader.FormRef form = new SubmissionHeader.FormRef(interview.id(), 1, interview.sha256());
        SubmissionHeader.FormRef consentRef = new SubmissionHeader.FormRef(consent.id(), 1, consent.sha256());
        Map<String, byte[]> parts = new TreeMap<>();
        parts.put(Envelope.RESEARCH, json(ResearchPart.of(form, language, researchRespondents)));
        parts.put(Envelope.IDENTITY, json(Map.of("respondents", identityRespondents)));
        SubmissionHeader header = new SubmissionHeader(SubmissionHeader.VERSION, id, b.study().id(), form, consentRef,
                site, "device-" + site, "enumerator-" + site, Instant.parse(date + "T10:00:00Z").toString(),
                language, List.copyOf(assertions), null, List.copyOf(parts.keySet()));
        Envelope envelope = Sealing.seal(header, parts, Map.of(
                Envelope.RESEARCH, List.of(RecipientKey.of(research.publicKey())),
                Envelope.IDENTITY, List.of(RecipientKey.of(identity.publicKey()))));
        return new SealedSubmission(id, header, json(envelope));
    }

    /** One interview at {@code site} whose research part is {@code researchPart} as given (any JSON shape). */
    static SealedSubmission sealRaw(StudyBundle b, KeyPairBytes research, String site, String category,
                                    Object researchPart) {
        FormDefinition interview = b.form("interview").orElseThrow();
        return sealRaw(b, research, new SubmissionHeader.FormRef(interview.id(), 1, interview.sha256()), site,
                category, researchPart);
    }

    /** As above, for the interview form version {@code form} (the header's language is {@code en}). */
    static SealedSubmission sealRaw(StudyBundle b, KeyPairBytes research, SubmissionHeader.FormRef form, String site,
                                    String category, Object researchPart) {
        FormDefinition consent = b.form("consent").orElseThrow();
        String id = SubmissionIds.next();
        SubmissionHeader header = new SubmissionHeader(SubmissionHeader.VERSION, id, b.study().id(), form,
                new SubmissionHeader.FormRef(consent.id(), 1, consent.sha256()), site, "device-" + site,
                "enumerator-" + site, "2018-01-10T10:00:00Z", "en", List.of(new SubmissionHeader.RespondentAssertion(
                RespondentCodes.hash(new byte[RespondentCodes.KEY_BYTES], "x"), category,
                new SubmissionHeader.ConsentAssertion(true, false, "verbal", false, null, null))), null,
                List.of(Envelope.RESEARCH));
        Envelope envelope = Sealing.seal(header, Map.of(Envelope.RESEARCH, json(researchPart)),
                Map.of(Envelope.RESEARCH, List.of(RecipientKey.of(research.publicKey()))));
        return new SealedSubmission(id, header, json(envelope));
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A source over submissions held in a list (the tests' few hundred; the server streams from its store). */
    static SealedSource listSource(List<SealedSubmission> submissions) {
        return listSource(submissions, null);
    }

    /** As above, with {@code recordings} (null: none) as the source's sealed recordings. */
    static SealedSource listSource(List<SealedSubmission> submissions, SealedRecordings recordings) {
        return new SealedSource() {
            @Override
            public SealedRecordings recordings() {
                return recordings;
            }

            @Override
            public long count() {
                return submissions.size();
            }

            @Override
            public void forEach(SealedConsumer consumer) throws IOException {
                for (SealedSubmission s : submissions) {
                    consumer.accept(s);
                }
            }
        };
    }
}
