package org.fieldsafe.export;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.crypto.Pseudonyms;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.Sensitivity;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * Turns an opened research part into anonymised rows, one per respondent: only questions of the interview's own
 * form version that the layout exports (direct identifiers dropped again, in depth), values generalised as the
 * study configures, respondent codes and the submission id replaced by pseudonyms. Thread-safe.
 */
record RowBuilder(ExportLayout layout, Pseudonyms pseudonyms, boolean stableCodes) {
    /** Separates the values of a group key; never part of a generalised value. */
    static final String GROUP_SEPARATOR = "\u001f";

    /**
     * The rows of one interview.
     *
     * @param form    the interview's form version (the header's)
     * @param consent the interview's consent form version, or null when unknown
     * @throws IllegalArgumentException when the research part does not have the documented shape
     */
    List<ExportRow> rows(SubmissionHeader header, FormDefinition form, int formVersion, FormDefinition consent,
                         ResearchPart research) {
        List<ResearchPart.Respondent> respondents = research.respondents();
        if (respondents == null || respondents.isEmpty()) {
            throw new IllegalArgumentException("the research part has no respondents");
        }
        if (header.respondents() == null || header.respondents().size() != respondents.size()) {
            throw new IllegalArgumentException("the research part's respondents are not the header's");
        }
        Anonymisation a = layout.anonymisation();
        String interview = pseudonyms.of("I-", "interview", header.submissionId());
        // The header was validated on upload (a study language, a study category); the research part's own
        // claims are the device's and never move a respondent into another column or k-anonymity group.
        String language = header.language();
        String finalised = a.generaliseDate(header.finalisedAt());
        List<ExportRow> rows = new ArrayList<>(respondents.size());
        for (int i = 0; i < respondents.size(); i++) {
            ResearchPart.Respondent r = respondents.get(i);
            String code = r.code();
            String respondent;
            if (code == null) {
                respondent = pseudonyms.of("R-", "respondent", header.submissionId() + "#" + i);
            } else {
                respondent = stableCodes ? code : pseudonyms.of("R-", "respondent", code);
            }
            String category = header.respondents().get(i).category();
            Map<String, String> missing = new LinkedHashMap<>();
            Map<String, Object> answers = answers(form, r.answers(), consent, r.consent(), missing);
            headerValue(answers, Anonymisation.SITE, header.site());
            headerValue(answers, Anonymisation.CATEGORY, category);
            Map<String, Object> consentAnswers = consent == null ? Map.of() : consentQuasi(consent, r.consent());
            String group = group(header.site(), category, finalised, answers, consentAnswers);
            for (Map.Entry<String, Object> e : consentAnswers.entrySet()) {
                if (layout.item(e.getKey()).filter(it -> it.treatment().exported()).isPresent()) {
                    answers.putIfAbsent(e.getKey(), e.getValue());
                }
            }
            missing.keySet().removeAll(answers.keySet());
            rows.add(new ExportRow(interview, respondent, header.site(), category, form.id(), formVersion, language,
                    finalised, group, answers, missing));
        }
        return rows;
    }

    private Map<String, Object> answers(FormDefinition form, Map<String, Object> given, FormDefinition consent,
                                        Map<String, Object> consentGiven, Map<String, String> missing) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ExportLayout.Item item : layout.items()) {
            if (!item.treatment().exported()) {
                continue;
            }
            boolean fromConsent = layout.fromConsent(item.id());
            FormDefinition asked = fromConsent ? consent : form;
            Map<String, Object> all = (fromConsent ? consentGiven : given) == null ? Map.of()
                    : fromConsent ? consentGiven : given;
            Question own = asked == null ? null : asked.question(item.id()).orElse(null);
            if (own != null && own.sensitivity() == Sensitivity.DIRECT_IDENTIFIER) {
                continue;
            }
            Object v = all.get(item.id());
            MissingCode why = own == null || !all.containsKey(item.id()) ? MissingCode.NOT_ASKED
                    : v == null ? MissingCode.SKIPPED : missing(v);
            if (why != null && !layout.anonymisation().quasiIdentifiers().contains(item.id())) {
                missing.put(item.id(), why.code());
            }
            if (v == null || own == null || why == MissingCode.EMPTY || why == MissingCode.REFUSED
                    && !layout.anonymisation().quasiIdentifiers().contains(item.id())) {
                continue;
            }
            Object value = generalise(item, v);
            if (value != null) {
                out.put(item.id(), value);
            }
        }
        return out;
    }

    /** Why a given answer counts as missing: empty, or a refusal choice; null for an answer. */
    private static MissingCode missing(Object v) {
        if (v instanceof String s && s.isBlank() || v instanceof List<?> l && l.isEmpty()) {
            return MissingCode.EMPTY;
        }
        if (v instanceof String s && MissingCode.REFUSAL_CHOICES.contains(s)) {
            return MissingCode.REFUSED;
        }
        return null;
    }

    /** The consent form's answers to quasi-identifiers the study names (stand-ins for missing interview ones). */
    private Map<String, Object> consentQuasi(FormDefinition consent, Map<String, Object> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (given == null) {
            return out;
        }
        for (String name : layout.anonymisation().quasiIdentifiers()) {
            ExportLayout.Item item = layout.consentItem(name).orElse(null);
            Object v = given.get(name);
            Question own = consent.question(name).orElse(null);
            if (item == null || v == null || !item.treatment().exported() || own == null
                    || own.sensitivity() == Sensitivity.DIRECT_IDENTIFIER) {
                continue;
            }
            Object value = generalise(item, v);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    private String group(String site, String category, String finalised, Map<String, Object> answers,
                         Map<String, Object> consent) {
        StringBuilder key = new StringBuilder();
        for (String name : layout.anonymisation().quasiIdentifiers()) {
            if (key.length() > 0) {
                key.append(GROUP_SEPARATOR);
            }
            Object v;
            if (Anonymisation.SITE.equals(name)) {
                v = site;
            } else if (Anonymisation.CATEGORY.equals(name)) {
                v = category;
            } else if (ExportLayout.FINALISED.equals(name)) {
                v = finalised;
            } else {
                v = answers.containsKey(name) ? answers.get(name) : consent.get(name);
            }
            key.append(v == null ? "" : v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf)
                    .toList()) : v.toString());
        }
        return key.toString();
    }

    /** The exported value: text, or a list of choice ids; null when nothing of it may be exported. */
    private Object generalise(ExportLayout.Item item, Object v) {
        Anonymisation a = layout.anonymisation();
        return switch (item.treatment()) {
            case AS_IS -> asIs(item, v);
            case BAND -> wholeNumber(v) == null ? null : a.band(wholeNumber(v));
            case DATE -> v instanceof String s ? a.generaliseDate(s) : null;
            case SPLIT -> choices(item, v);
            case RECORDED -> "recorded";
            case LEFT_OUT_DIRECT, LEFT_OUT_QUASI, NOTE -> null;
        };
    }

    private static Object asIs(ExportLayout.Item item, Object v) {
        String text;
        if (v instanceof String s) {
            text = s;
        } else if (v instanceof BigDecimal d) {
            text = d.toPlainString();
        } else if (v instanceof Number || v instanceof Boolean) {
            text = v.toString();
        } else {
            return null;
        }
        if (!item.choiceIds().isEmpty() && !item.choiceIds().contains(text)) {
            return null;
        }
        return text;
    }

    /** A whole number given as a JSON integer or as its digits; null otherwise. */
    private static Long wholeNumber(Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 63) {
            return b.longValue();
        }
        if (v instanceof String s && s.matches("-?\\d{1,9}")) {
            return Long.parseLong(s);
        }
        return null;
    }

    private static List<String> choices(ExportLayout.Item item, Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object c : list) {
                if (c instanceof String s && item.choiceIds().contains(s)) {
                    out.add(s);
                }
            }
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    /**
     * An exported answer to a question {@code site} or {@code category} that is a quasi-identifier asks what the
     * header already says: the group counts the header's value, so the answer column shows it too.
     */
    private void headerValue(Map<String, Object> answers, String name, String value) {
        if (answers.containsKey(name) && layout.anonymisation().quasiIdentifiers().contains(name)) {
            answers.put(name, value);
        }
    }
}
