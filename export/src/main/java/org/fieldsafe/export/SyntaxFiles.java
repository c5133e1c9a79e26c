package org.fieldsafe.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Category;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.export.generalise.Hierarchy;
import org.fieldsafe.export.syntax.RSyntax;
import org.fieldsafe.export.syntax.SpssSyntax;
import org.fieldsafe.export.syntax.StataSyntax;
import org.fieldsafe.export.syntax.Variable;

/**
 * The Stata, SPSS and R syntax files written beside the wide CSV, generated from the codebook: variable labels (the
 * question in the codebook's language), value labels (the choices'; the categories'), 0/1 columns, and the
 * missing-value codes.
 */
final class SyntaxFiles {
    private static final String ANY_LABEL = "any (generalised)";
    /**
     * A 0/1 column's value labels, 0 first. An ordered map: the .sps and .r files list them in its order, and a
     * {@code Map.of}'s order changes from one JVM to the next.
     */
    private static final Map<String, String> BINARY_LABELS = binaryLabels();

    private SyntaxFiles() {
    }

    /** The wide CSV's columns as the syntax files describe them. */
    static List<Variable> variables(Study study, ExportLayout layout, Codebook codebook) {
        Map<String, String> labels = codebook.labels();
        Anonymisation a = layout.anonymisation();
        List<Variable> out = new ArrayList<>();
        for (String fixed : ExportLayout.FIXED) {
            Map<String, String> values = new LinkedHashMap<>();
            if (fixed.equals("category")) {
                for (Category c : study.categories()) {
                    values.put(c.id(), codebook.text(c.label()).value());
                }
                values.put(Hierarchy.ANY, ANY_LABEL);
            }
            Variable.Type type = fixed.equals("form_version") ? Variable.Type.INTEGER
                    : values.isEmpty() ? Variable.Type.TEXT : Variable.Type.CATEGORICAL;
            out.add(new Variable(fixed, labels.getOrDefault(fixed, fixed), type, values, false));
        }
        for (ExportLayout.Item item : layout.items()) {
            if (item.columns().isEmpty()) {
                continue;
            }
            boolean quasi = a.quasiIdentifiers().contains(item.id());
            String label = codebook.text(item.question().label()).value();
            if (item.treatment() == Treatment.SPLIT) {
                for (int i = 0; i < item.choiceIds().size(); i++) {
                    String choice = choiceLabel(codebook, item, item.choiceIds().get(i));
                    out.add(new Variable(item.columns().get(i), label + ": " + choice, Variable.Type.BINARY,
                            BINARY_LABELS, !quasi));
                }
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            if (item.treatment() == Treatment.AS_IS && !item.choiceIds().isEmpty()) {
                for (String id : item.choiceIds()) {
                    values.put(id, choiceLabel(codebook, item, id));
                }
                if (quasi) {
                    values.put(Hierarchy.ANY, ANY_LABEL);
                }
            }
            out.add(new Variable(item.columns().get(0), label, values.isEmpty() ? Variable.Type.TEXT
                    : Variable.Type.CATEGORICAL, values, !quasi));
        }
        return List.copyOf(out);
    }

    private static Map<String, String> binaryLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("0", "not chosen");
        labels.put("1", "chosen");
        return Collections.unmodifiableMap(labels);
    }

    private static String choiceLabel(Codebook codebook, ExportLayout.Item item, String id) {
        return item.question().choices().stream().filter(c -> c.id().equals(id)).findFirst()
                .map(Choice::label).map(l -> codebook.text(l).value()).filter(t -> !t.isBlank()).orElse(id);
    }

    /** Writes the three files beside the wide CSV. */
    static void write(ExportSink sink, List<Variable> variables, Map<String, ExportManifest.FileEntry> files)
            throws IOException {
        String csv = ExportFormat.WIDE_CSV.fileName();
        List<String> codes = MissingCode.codes();
        write(sink, ExportFormat.STATA_DO, StataSyntax.of(csv, variables, codes), files);
        write(sink, ExportFormat.SPSS_SPS, SpssSyntax.of(csv, variables, codes), files);
        write(sink, ExportFormat.R_SCRIPT, RSyntax.of(csv, variables, codes), files);
    }

    private static void write(ExportSink sink, String name, String text, Map<String, ExportManifest.FileEntry> files)
            throws IOException {
        HashedFile file = HashedFile.create(sink, name);
        file.stream().write(text.getBytes(StandardCharsets.UTF_8));
        files.put(name, file.finish());
    }
}
