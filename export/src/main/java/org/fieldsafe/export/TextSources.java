package org.fieldsafe.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.export.generalise.Hierarchy;

/**
 * The texts and case variables of a QDPX export (docs/export.md), from released (anonymised) rows: a respondent's
 * answers as one text under the questions' headings in the export's language, and the respondent's variables (site,
 * country, category, language and the interview form's other quasi-identifiers but dates, such as gender and age
 * band, at the levels the export released). Every text source's text passes through {@link #render} before it is
 * written.
 * Thread-safe (pass 2's reader threads call it).
 */
final class TextSources {
    /** The case variables every QDPX export has, before the form's other quasi-identifiers. */
    static final List<String> FIXED_VARIABLES = List.of("site", "country", "category", "language");

    private final ExportLayout layout;
    private final String language;
    private final String master;
    private final Map<String, String> countryOfSite = new LinkedHashMap<>();
    private final Set<String> countries;
    private final List<String> variables;

    TextSources(Study study, ExportLayout layout, String language) {
        this.layout = layout;
        this.language = language;
        this.master = study.masterLanguage();
        for (Site s : study.sites()) {
            countryOfSite.put(s.id(), s.country());
        }
        this.countries = Set.copyOf(countryOfSite.values());
        List<String> names = new ArrayList<>(FIXED_VARIABLES);
        for (String q : layout.anonymisation().quasiIdentifiers()) {
            if (!Anonymisation.SITE.equals(q) && !Anonymisation.CATEGORY.equals(q) && !ExportLayout.FINALISED.equals(q)
                    && layout.item(q).filter(i -> i.treatment().exported() && i.treatment() != Treatment.DATE)
                    .isPresent()) {
                names.add(q);
            }
        }
        this.variables = List.copyOf(names);
    }

    /** The variables' names, in the order {@link #variableValues} gives their values. */
    List<String> variables() {
        return variables;
    }

    /** How a variable's values read (the project's variable descriptions). */
    String describe(String variable) {
        return switch (variable) {
            case "site" -> "site id, or its country, region or * where the export generalised the site";
            case "country" -> "country code of the site (ISO 3166-1), or * where the export generalised beyond it";
            case "category" -> "respondent category";
            case "language" -> "languages of the released interviews at the site (* where the site is generalised)";
            default -> layout.item(variable).map(i -> i.treatment() == Treatment.BAND
                    ? "band of '" + variable + "' (" + String.join(", ", layout.anonymisation().bandLabels()) + ")"
                    : "'" + variable + "' as released (* where the export generalised it)").orElse(variable);
        };
    }

    /** The respondent's values of {@link #variables()}, from a released row (empty text when unanswered). */
    List<String> variableValues(ExportRow row) {
        List<String> out = new ArrayList<>(variables.size());
        out.add(row.site());
        out.add(country(row.site()));
        out.add(row.category());
        out.add(row.language());
        for (int i = FIXED_VARIABLES.size(); i < variables.size(); i++) {
            out.add(RowRenderer.text(row.answers().get(variables.get(i))));
        }
        return out;
    }

    /** The site's country: a site id's, a country code as it is, anything wider (a region, *) as *. */
    String country(String site) {
        String country = countryOfSite.get(site);
        if (country != null) {
            return country;
        }
        return countries.contains(site) ? site : Hierarchy.ANY;
    }

    /**
     * The respondent's answers as one text: each answered question that is no quasi-identifier (those are the case's
     * variables) under its heading (the question's text in the export's language, else the master language), choices
     * by their labels, a blank line between questions. Not yet {@link #render}ed.
     */
    SourceText answers(ExportRow row) {
        StringBuilder text = new StringBuilder();
        for (ExportLayout.Item item : layout.items()) {
            if (item.treatment() != Treatment.AS_IS && item.treatment() != Treatment.SPLIT
                    || layout.anonymisation().quasiIdentifiers().contains(item.id())) {
                continue;
            }
            Object value = row.answers().get(item.id());
            if (value == null) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(text(item.question().label())).append('\n').append(answer(item, value));
        }
        return new SourceText(SourceText.ANSWERS, language, 0, text.toString());
    }

    /**
     * The text written for a text source (answers, transcript or translation) of a released row: the one place
     * every text source's text passes through on its way into a QDPX export.
     */
    String render(ExportRow row, SourceText source) {
        return source.text();
    }

    private String answer(ExportLayout.Item item, Object value) {
        if (item.question().choices().isEmpty()) {
            return RowRenderer.text(value);
        }
        List<String> labels = new ArrayList<>();
        for (Object id : value instanceof List<?> l ? l : List.of(value)) {
            labels.add(item.question().choices().stream().filter(c -> c.id().equals(String.valueOf(id)))
                    .findFirst().map(Choice::label).map(this::text).orElse(String.valueOf(id)));
        }
        return String.join("; ", labels);
    }

    /** A text in the export's language, else the master language's. */
    String text(Map<String, String> texts) {
        if (texts == null) {
            return "";
        }
        String own = texts.get(language);
        return own != null ? own : texts.getOrDefault(master, "");
    }
}
