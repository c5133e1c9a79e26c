package org.fieldsafe.server.cli.imports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.fieldsafe.core.forms.Sensitivity;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.json.JsonMappers;
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
 */
final class ImportSealer {
    private static final ObjectWriter JSON = JsonMappers.plain().writer()
            .with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** What the header and parts need besides the row. */
    record Inputs(Study study, byte[] codeKey, String deviceId, String enumerator, SubmissionHeader.FormRef interview,
                  FormDefinition interviewForm, SubmissionHeader.FormRef consent, FormDefinition consentForm,
                  Map<String, List<RecipientKey>> recipients, String site, String language) {
    }

    /** The sealed items and the rows left out for want of consent. */
    record Sealed(List<SubmissionImport.Item> items, int notConsented) {
    }

    private ImportSealer() {
    }

    static Sealed seal(String file, List<RowMapping.Mapped> rows, Inputs in) throws ImportProblems {
        List<String> problems = new ArrayList<>();
        List<SubmissionImport.Item> items = new ArrayList<>();
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
            items.add(new SubmissionImport.Item(row.instanceId(), envelope(row, in, code, category, site)));
        }
        if (!problems.isEmpty()) {
            throw new ImportProblems(problems);
        }
        return new Sealed(List.copyOf(items), notConsented);
    }

    private static Envelope envelope(RowMapping.Mapped row, Inputs in, String code, String category, String site) {
        Map<String, Object> respondent = new LinkedHashMap<>();
        respondent.put("code", code);
        respondent.put("category", category);
        respondent.put("consent", research(in.consentForm(), row.consent()));
        respondent.put("answers", research(in.interviewForm(), row.answers()));
        Map<String, Object> research = new LinkedHashMap<>();
        research.put("form", in.interview());
        research.put("language", in.language());
        research.put("respondents", List.of(respondent));
        research.put("redactions", List.of());
        research.put("fallbackTexts", List.of());
        research.put("stoppedEarly", false);
        Map<String, byte[]> parts = new TreeMap<>();
        parts.put(Envelope.RESEARCH, json(research));
        Map<String, Object> identifiers = new LinkedHashMap<>(identifiers(in.consentForm(), row.consent()));
        identifiers.putAll(identifiers(in.interviewForm(), row.answers()));
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

    private static Map<String, Object> research(FormDefinition form, Map<String, Object> answers) {
        Map<String, Object> out = new LinkedHashMap<>();
        answers.forEach((id, value) -> {
            if (form.question(id).map(Question::sensitivity).orElse(Sensitivity.NONE) != Sensitivity.DIRECT_IDENTIFIER) {
                out.put(id, value);
            }
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
