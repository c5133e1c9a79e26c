package org.fieldsafe.server.cli.imports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.forms.Category;
import org.fieldsafe.core.forms.ConsentRules;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Sensitivity;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.redact.Redactor;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionImport;
import org.fieldsafe.server.cli.CliException;

/**
 * Each mapped row sealed as a field device seals a finished interview (docs/sealing.md, client-lib's
 * {@code InterviewResult}): the {@code research} part (code, category, consent and interview answers minus direct
 * identifiers) to the research key, the {@code identity} part (direct identifiers, only when answered) to the
 * identity key, the respondent code in the header only as its keyed hash, the consent assertion by core's
 * {@link ConsentRules}. A row whose respondent did not consent (participation, or a minor's guardian consent and
 * assent) is not sealed but counted. The header names the import's device id and the importer as enumerator; the
 * submission id is derived from the study, form and instance id, so the same row always gets the same id.
 * Like the device, each consented row must keep the form's rules ({@link ImportRules}: relevant, required,
 * constraint; a row that breaks them is a row-named problem), and its free-text answers are redacted with core's
 * {@link Redactor} against the row's own direct-identifier answers before sealing; the research part lists the
 * redactions per question (kinds and counts, never values), as the device's does.
 */
final class ImportSealer {
    private static final ObjectWriter JSON = JsonMappers.plain().writer()
            .with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** What the header and parts need besides the row. */
    record Inputs(Study study, byte[] codeKey, String deviceId, String enumerator, SubmissionHeader.FormRef interview,
                  FormDefinition interviewForm, SubmissionHeader.FormRef consent, FormDefinition consentForm,
                  Map<String, List<RecipientKey>> recipients, String site, String language) {
    }

    /** The sealed items, the rows left out for want of consent, and the redactions made per kind. */
    record Sealed(List<SubmissionImport.Item> items, int notConsented, Map<Redactor.Kind, Integer> redactions) {
    }

    private ImportSealer() {
    }

    static Sealed seal(String file, List<RowMapping.Mapped> rows, Inputs in) throws ImportProblems {
        List<String> problems = new ArrayList<>();
        List<SubmissionImport.Item> items = new ArrayList<>();
        Map<Redactor.Kind, Integer> redactions = new EnumMap<>(Redactor.Kind.class);
        ImportRules rules = new ImportRules();
        int notConsented = 0;
        for (RowMapping.Mapped row : rows) {
            String where = file + " row " + row.row();
            Map<String, Object> consent = row.consent();
            boolean minor = ConsentRules.minor(in.study(), consent);
            if (!"yes".equals(consent.get(ConsentRules.PARTICIPATION)) || minor
                    && !("yes".equals(consent.get(ConsentRules.GUARDIAN)) && "yes".equals(consent.get(ConsentRules.ASSENT)))) {
                notConsented++;
                continue;
            }
            String refusal = ConsentRules.refusal(in.study(), consent);
            if (refusal != null) {
                problems.add(where + ": " + refusal);
                continue;
            }
            String code = String.valueOf(consent.get(ConsentRules.CODE));
            if (in.study().respondentCode() != null && !in.study().respondentCode().matches(code)) {
                problems.add(where + ", question " + ConsentRules.CODE + ": not a respondent code of the study (like "
                        + in.study().respondentCode().example() + ")");
                continue;
            }
            if (consent.get(ConsentRules.MODE) == null) {
                problems.add(where + ": no consent mode (" + ConsentRules.MODE + ")");
                continue;
            }
            String category = category(row, code);
            if (in.study().categories().stream().map(Category::id).noneMatch(c -> c.equals(category))) {
                problems.add(where + ": no respondent category of the study (question " + ConsentRules.CATEGORY
                        + ", or the code's category segment)");
                continue;
            }
            String site = in.site() != null ? in.site() : siteOf(in.study(), code);
            if (site == null) {
                problems.add(where + ": the respondent code names none of the study's sites; give --site");
                continue;
            }
            LocalDate today = row.submittedAt() == null ? LocalDate.now(ZoneOffset.UTC)
                    : LocalDate.ofInstant(row.submittedAt(), ZoneOffset.UTC);
            List<String> broken = new ArrayList<>(rules.check(where, in.consentForm(), consent, today));
            broken.addAll(rules.check(where, in.interviewForm(), row.answers(), today));
            if (!broken.isEmpty()) {
                problems.addAll(broken);
                continue;
            }
            items.add(new SubmissionImport.Item(row.instanceId(), envelope(row, in, code, category, site,
                    redactions)));
        }
        if (!problems.isEmpty()) {
            throw new ImportProblems(problems);
        }
        return new Sealed(List.copyOf(items), notConsented, redactions);
    }

    private static Envelope envelope(RowMapping.Mapped row, Inputs in, String code, String category, String site,
                                     Map<Redactor.Kind, Integer> redactions) {
        Map<String, Object> identifiers = new LinkedHashMap<>(identifiers(in.consentForm(), row.consent()));
        identifiers.putAll(identifiers(in.interviewForm(), row.answers()));
        Redactor redactor = new Redactor(identifiers.values().stream().map(String::valueOf).toList());
        List<Map<String, Object>> reports = new ArrayList<>();
        Map<String, Object> respondent = new LinkedHashMap<>();
        respondent.put("code", code);
        respondent.put("category", category);
        respondent.put("consent", research(in.consentForm(), row.consent(), redactor, reports, redactions));
        respondent.put("answers", research(in.interviewForm(), row.answers(), redactor, reports, redactions));
        Map<String, Object> research = new LinkedHashMap<>();
        research.put("form", in.interview());
        research.put("language", in.language());
        research.put("respondents", List.of(respondent));
        research.put("redactions", reports);
        research.put("fallbackTexts", List.of());
        research.put("stoppedEarly", false);
        Map<String, byte[]> parts = new TreeMap<>();
        parts.put(Envelope.RESEARCH, json(research));
        if (!identifiers.isEmpty()) {
            parts.put(Envelope.IDENTITY, json(Map.of("respondents", List.of(Map.of("code", code,
                    "answers", identifiers)))));
        }
        String id = UUID.nameUUIDFromBytes((in.study().id() + "\n" + in.interview().id() + "\n" + row.instanceId())
                .getBytes(StandardCharsets.UTF_8)).toString();
        SubmissionHeader header = new SubmissionHeader(SubmissionHeader.VERSION, id, in.study().id(), in.interview(),
                in.consent(), site, in.deviceId(), in.enumerator(), row.submittedAt().toString(), in.language(),
                List.of(new SubmissionHeader.RespondentAssertion(RespondentCodes.hash(in.codeKey(), code), category,
                        ConsentRules.assertion(in.study(), row.consent()))), null, List.copyOf(parts.keySet()));
        Map<String, List<RecipientKey>> recipients = new TreeMap<>();
        recipients.put(Envelope.RESEARCH, in.recipients().get("research"));
        if (parts.containsKey(Envelope.IDENTITY)) {
            List<RecipientKey> identity = in.recipients().get("identity");
            if (identity == null) {
                throw new CliException("The form has identifying questions (direct_identifier) but study "
                        + in.study().id() + " has no identity key; nothing was sent");
            }
            recipients.put(Envelope.IDENTITY, identity);
        }
        return Sealing.seal(header, parts, recipients);
    }

    /**
     * The answers minus direct identifiers, free text redacted as the device redacts it (text and short text, not
     * the respondent code); each redaction reported per question and added to {@code tally} per kind.
     */
    private static Map<String, Object> research(FormDefinition form, Map<String, Object> answers, Redactor redactor,
                                                List<Map<String, Object>> reports,
                                                Map<Redactor.Kind, Integer> tally) {
        Map<String, Object> out = new LinkedHashMap<>();
        answers.forEach((id, value) -> {
            Question q = form.question(id).orElse(null);
            if (q != null && q.sensitivity() == Sensitivity.DIRECT_IDENTIFIER) {
                return;
            }
            if (q != null && (q.type() == QuestionType.TEXT || q.type() == QuestionType.SHORT_TEXT)
                    && !q.id().equals(ConsentRules.CODE) && value instanceof String text) {
                Redactor.Redacted red = redactor.redact(text);
                if (red.changed()) {
                    Map<String, Object> report = new LinkedHashMap<>();
                    report.put("respondent", 0);
                    report.put("form", form.id());
                    report.put("question", q.id());
                    report.put("counts", red.counts());
                    reports.add(report);
                    red.counts().forEach((kind, n) -> tally.merge(kind, n, Integer::sum));
                }
                value = red.text();
            }
            out.put(id, value);
        });
        return out;
    }

    private static Map<String, Object> identifiers(FormDefinition form, Map<String, Object> answers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Question q : form.questions()) {
            if (q.sensitivity() == Sensitivity.DIRECT_IDENTIFIER && answers.get(q.id()) != null) {
                out.put(q.id(), answers.get(q.id()));
            }
        }
        return out;
    }

    /** As the device: the interview's category answer, else the code's second-last segment. */
    private static String category(RowMapping.Mapped row, String code) {
        if (row.answers().get(ConsentRules.CATEGORY) instanceof String c) {
            return c;
        }
        String[] segments = code.split("-");
        return segments.length >= 2 ? segments[segments.length - 2] : null;
    }

    /** The study site whose id begins the code ({@code KH-SVR-RH-007}: {@code KH-SVR}), or null. */
    private static String siteOf(Study study, String code) {
        return study.sites().stream().map(Site::id).filter(s -> code.startsWith(s + "-")).findFirst().orElse(null);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("part not serialisable", e);
        }
    }
}
