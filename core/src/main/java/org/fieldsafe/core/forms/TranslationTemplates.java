package org.fieldsafe.core.forms;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fieldsafe.core.json.JsonMappers;

/**
 * Translation templates of one form in one language, as CSV ({@code key,master,translation}) or XLIFF 1.2, and
 * their import into a {@link TranslationOverlay} (state draft unless the translator says otherwise).
 */
public final class TranslationTemplates {
    private static final CsvMapper CSV = JsonMappers.csv();
    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumn("key").addColumn("master").addColumn("translation")
            .setUseHeader(true).build();

    private TranslationTemplates() {
    }

    /** The template rows: every text of the form in form order, with its current translation or "". */
    public static List<TemplateRow> rows(FormDefinition form, String language) {
        List<TemplateRow> rows = new ArrayList<>();
        FormTexts.of(form).forEach((key, text) -> rows.add(new TemplateRow(key,
                text.getOrDefault(form.masterLanguage(), ""), text.getOrDefault(language, ""))));
        return rows;
    }

    /** The template as CSV with a header row {@code key,master,translation}. */
    public static String toCsv(FormDefinition form, String language) {
        try {
            return CSV.writer(SCHEMA).writeValueAsString(rows(form, language));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a CSV template back: translation key to translation, rows with an empty translation left out. */
    public static Map<String, String> fromCsv(String csv) throws IOException {
        return readCsv(csv).translations();
    }

    /**
     * A CSV template read back: translation key to translation (rows with an empty translation left out) and the
     * line of the file each key of the file starts on (1-based; the header is line 1), so a problem can name it.
     */
    public record CsvTemplate(Map<String, String> translations, Map<String, Integer> lines) {
    }

    /** A row of a CSV template that cannot be read, with the line it starts on. */
    public static final class RowException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;

        public RowException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Reads a CSV template back with the line of each key; see {@link CsvTemplate}. */
    public static CsvTemplate readCsv(String csv) throws IOException {
        ObjectReader reader = CSV.readerFor(TemplateRow.class).with(SCHEMA);
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (MappingIterator<TemplateRow> it = reader.readValues(new StringReader(csv))) {
            // hasNextValue/nextValue, not hasNext/next: those wrap a malformed row in an unchecked exception
            while (it.hasNextValue()) {
                int line = it.getParser().currentLocation().getLineNr(); // where the next row starts
                TemplateRow row = it.nextValue();
                if (row.key() == null || row.key().isBlank()) {
                    throw new RowException(line, "a row without a key");
                }
                lines.putIfAbsent(row.key(), line);
                if (row.translation() != null && !row.translation().isBlank()) {
                    out.put(row.key(), NodeReader.nfc(row.translation()));
                }
            }
        }
        return new CsvTemplate(out, lines);
    }

    /** The keys of {@code translations} that name no text of the form (they would be rejected on load). */
    public static List<String> unknownKeys(FormDefinition form, Map<String, String> translations) {
        Map<String, Map<String, String>> known = FormTexts.of(form);
        return translations.keySet().stream().filter(k -> !known.containsKey(k)).toList();
    }

    /**
     * The template as an XLIFF 1.2 document: one {@code trans-unit} per key, with source and target; each target's
     * {@code state} says how far it is (needs-translation, needs-review-translation for a draft, translated for a
     * complete language, signed-off for a reviewed one).
     */
    public static String toXliff(FormDefinition form, String language) {
        StringWriter out = new StringWriter();
        Xliff.write(out, form.id(), form.masterLanguage(), language,
                form.languages().getOrDefault(language, TranslationState.MISSING), rows(form, language));
        return out.toString();
    }

    /** Reads an XLIFF template back; see {@link XliffTemplate}. */
    public static XliffTemplate fromXliff(String xml) throws IOException {
        return Xliff.read(new StringReader(xml));
    }

    /**
     * Puts imported translations of {@code formId} into an overlay as {@code draft}, replacing what the overlay
     * held for that form. {@code existing} may be {@code null} (a new overlay for {@code language}).
     */
    public static TranslationOverlay importInto(TranslationOverlay existing, String language, String languageName,
                                                String formId, Map<String, String> translations) {
        return importInto(existing, language, languageName, formId, translations, TranslationState.DRAFT);
    }

    /**
     * Puts imported translations of {@code formId} into an overlay with {@code state} (draft, complete or reviewed;
     * complete and reviewed are checked for every text when the study is loaded again).
     */
    public static TranslationOverlay importInto(TranslationOverlay existing, String language, String languageName,
                                                String formId, Map<String, String> translations,
                                                TranslationState state) {
        if (state == null || state == TranslationState.MISSING) {
            throw new IllegalArgumentException("an imported translation is draft, complete or reviewed");
        }
        TranslationOverlay base = existing == null
                ? new TranslationOverlay(language, languageName, Map.of()) : existing;
        if (!Objects.equals(base.language(), language)) {
            throw new IllegalArgumentException("overlay is for '" + base.language() + "', not '" + language + "'");
        }
        return base.with(formId, new TranslationOverlay.OverlayForm(state, translations));
    }

    /**
     * What an XLIFF file says: the form ({@code original}), the languages, the translations by key and, for each,
     * the translation state its target's XLIFF {@code state} stands for.
     */
    public record XliffTemplate(String formId, String sourceLanguage, String targetLanguage,
                                Map<String, String> translations, Map<String, TranslationState> states) {

        /**
         * The state the file as a whole declares for the form: the least of its targets' states when it
         * translates every text of {@code form}; else draft. All targets signed-off (or final): reviewed.
         */
        public TranslationState state(FormDefinition form) {
            if (translations.isEmpty() || !translations.keySet().containsAll(FormTexts.of(form).keySet())) {
                return TranslationState.DRAFT;
            }
            return states.values().stream().min(Enum::compareTo).orElse(TranslationState.DRAFT);
        }
    }
}
