package org.fieldsafe.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Sensitivity;
import org.fieldsafe.export.syntax.VariableNames;

/**
 * The columns of an export, fixed before the first row: the interview forms' questions (union over every stored
 * version, latest version's order first), each with its {@link Treatment} (the strictest over the versions) and
 * its choices (union). Consent-form choice questions asked of every respondent follow as columns
 * ({@link #fromConsent}); other consent-form questions only stand in for a quasi-identifier the interview form did
 * not ask. An exported interview-form question marked {@code quasi_identifier} that the study's
 * {@code anonymisation} list does not name is joined into the k-anonymity groups ({@link #anonymisation()}), so
 * no quasi-identifier reaches an export outside the groups. So is every exported date question and the interview's
 * {@link #FINALISED} date: a date narrows a group down as well as an age does.
 */
final class ExportLayout {
    /** Columns every row has, before the questions. */
    static final List<String> FIXED = List.of("interview", "respondent", "site", "category", "form", "form_version",
            "language", "finalised");
    /** The quasi-identifier of the interview's {@code finalisedAt} (the {@code finalised} column). */
    static final String FINALISED = "finalised";

    /** One question id of the interview forms. */
    record Item(String id, String formId, Question question, Treatment treatment, List<String> choiceIds,
                List<String> columns) {
    }

    private final Anonymisation anonymisation;
    private final Map<String, Item> items;
    private final Map<String, Item> consentItems;
    private final Set<String> consentColumns = new LinkedHashSet<>();
    private final List<String> wideColumns;

    ExportLayout(List<ExportForm> forms, Anonymisation anonymisation) {
        this.items = build(forms, FormKind.INTERVIEW, anonymisation);
        this.consentItems = build(forms, FormKind.CONSENT, anonymisation);
        this.anonymisation = joined(anonymisation, forms, items);
        // consent answers asked of every respondent become columns after the interview's questions
        for (Item item : consentItems.values()) {
            if (consentColumn(item, items, this.anonymisation)) {
                items.put(item.id(), item);
                consentColumns.add(item.id());
            }
        }
        List<String> columns = new ArrayList<>(FIXED);
        for (Item item : items.values()) {
            columns.addAll(item.columns());
        }
        // names Stata, SPSS and R read as they are (issue 13); the codebook maps them back to the questions
        Map<String, String> safe = VariableNames.of(columns);
        items.replaceAll((id, item) -> new Item(item.id(), item.formId(), item.question(), item.treatment(),
                item.choiceIds(), item.columns().stream().map(safe::get).toList()));
        this.wideColumns = columns.stream().map(safe::get).toList();
    }

    /**
     * The study's anonymisation with every exported, unnamed quasi-identifier question, then every exported date
     * question, then the interview's {@link #FINALISED} date joined to its list.
     */
    Anonymisation anonymisation() {
        return anonymisation;
    }

    private static Anonymisation joined(Anonymisation a, List<ExportForm> forms, Map<String, Item> items) {
        Set<String> quasi = new LinkedHashSet<>(a.quasiIdentifiers());
        for (Item item : items.values()) {
            boolean marked = forms.stream().filter(f -> f.definition().kind() == FormKind.INTERVIEW)
                    .flatMap(f -> f.definition().question(item.id()).stream())
                    .anyMatch(q -> q.sensitivity() == Sensitivity.QUASI_IDENTIFIER);
            if (marked && item.treatment().exported()) {
                quasi.add(item.id());
            }
        }
        for (Item item : items.values()) {
            if (item.treatment() == Treatment.DATE) {
                quasi.add(item.id());
            }
        }
        quasi.add(FINALISED);
        return quasi.size() == a.quasiIdentifiers().size() ? a
                : new Anonymisation(List.copyOf(quasi), a.ageBands(), a.dates(), a.generalisation());
    }

    /**
     * Whether a consent-form question is released as a column: a choice question of no sensitivity, no interview
     * question's id, asked of every respondent. One whose relevance depends on a quasi-identifier (guardian
     * consent and child assent, asked when {@code ${age} < 18}) is not: its mere answer would say "under 18"
     * whatever the level the export releases the age at (docs/export.md).
     */
    private static boolean consentColumn(Item item, Map<String, Item> interview, Anonymisation a) {
        Question q = item.question();
        boolean choice = q.type() == QuestionType.SELECT_ONE || q.type() == QuestionType.SELECT_MULTIPLE;
        String relevant = q.relevant() == null ? "" : q.relevant();
        return choice && item.treatment().exported() && q.sensitivity() == Sensitivity.NONE
                && !interview.containsKey(item.id()) && !FIXED.contains(item.id())
                && a.quasiIdentifiers().stream().noneMatch(name -> relevant.contains("${" + name + "}"));
    }

    /** Whether the column {@code questionId} is a consent-form question's (answered in the consent part). */
    boolean fromConsent(String questionId) {
        return consentColumns.contains(questionId);
    }

    /** Interview-form questions, then the consent columns, in column order, exported or not. */
    Iterable<Item> items() {
        return items.values();
    }

    Optional<Item> item(String questionId) {
        return Optional.ofNullable(items.get(questionId));
    }

    /** The question a quasi-identifier names: the interview form's, else the consent form's. */
    Optional<Item> quasiIdentifier(String questionId) {
        Item item = items.get(questionId);
        return Optional.ofNullable(item != null ? item : consentItems.get(questionId));
    }

    Optional<Item> consentItem(String questionId) {
        return Optional.ofNullable(consentItems.get(questionId));
    }

    List<String> wideColumns() {
        return wideColumns;
    }

    /** Ids of questions left out of every export file (direct identifiers and ungeneralisable ones). */
    List<String> leftOut() {
        return items.values().stream().filter(i -> i.treatment() == Treatment.LEFT_OUT_DIRECT
                || i.treatment() == Treatment.LEFT_OUT_QUASI).map(Item::id).toList();
    }

    private static Map<String, Item> build(List<ExportForm> forms, FormKind kind, Anonymisation a) {
        List<ExportForm> sorted = forms.stream().filter(f -> f.definition().kind() == kind)
                .sorted(Comparator.comparingInt(ExportForm::version).reversed()).toList();
        Map<String, Question> latest = new LinkedHashMap<>();
        Map<String, String> formOf = new LinkedHashMap<>();
        Map<String, Treatment> treatment = new LinkedHashMap<>();
        Map<String, Set<String>> choices = new LinkedHashMap<>();
        for (ExportForm f : sorted) {
            FormDefinition d = f.definition();
            for (Question q : d.questions()) {
                latest.putIfAbsent(q.id(), q);
                formOf.putIfAbsent(q.id(), d.id());
                treatment.merge(q.id(), Treatment.of(q, a), Treatment::stricter);
                Set<String> ids = choices.computeIfAbsent(q.id(), k -> new LinkedHashSet<>());
                for (Choice c : q.choices()) {
                    ids.add(c.id());
                }
            }
        }
        Map<String, Item> out = new LinkedHashMap<>();
        for (Map.Entry<String, Question> e : latest.entrySet()) {
            String id = e.getKey();
            Treatment t = treatment.get(id);
            List<String> choiceIds = List.copyOf(choices.get(id));
            out.put(id, new Item(id, formOf.get(id), e.getValue(), t, choiceIds, columns(id, t, choiceIds)));
        }
        return out;
    }

    private static List<String> columns(String id, Treatment t, List<String> choiceIds) {
        if (!t.exported()) {
            return List.of();
        }
        String base = FIXED.contains(id) ? id + "_answer" : id;
        if (t == Treatment.SPLIT) {
            return choiceIds.stream().map(c -> base + "__" + c).toList();
        }
        return List.of(base);
    }
}
