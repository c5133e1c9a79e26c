package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.export.generalise.Hierarchy;
import org.fieldsafe.export.syntax.RSyntax;
import org.fieldsafe.export.syntax.SpssSyntax;
import org.fieldsafe.export.syntax.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The syntax files' value labels come in the codebook's order, the same in every JVM: a {@code Map.of}'s order,
 * which once decided the 0/1 columns' labels, changes with each JVM's seed (BENCHMARKS.md (o), (s)).
 */
class SyntaxFilesTest {
    private static final StudyBundle STUDY = ExportFixtures.bundle();

    @TempDir
    Path dir;

    @Test
    void variables_valueLabels_inTheCodebooksOrder() throws IOException {
        ExportLayout layout = new ExportLayout(ExportFixtures.forms(STUDY), STUDY.study().anonymisationOrDefault());
        Codebook codebook = new Codebook(STUDY.study(), layout, "en", "per-export", Map.of());
        Map<String, List<Map.Entry<String, String>>> choices = codebookChoices(codebook);
        Map<String, Variable> variables = new LinkedHashMap<>();
        SyntaxFiles.variables(STUDY.study(), layout, codebook).forEach(v -> variables.put(v.name(), v));

        int categorical = 0;
        int binary = 0;
        for (ExportLayout.Item item : layout.items()) {
            List<Map.Entry<String, String>> listed = choices.get(item.id());
            if (item.columns().isEmpty() || listed == null || listed.isEmpty()) {
                continue;
            }
            if (item.treatment() == Treatment.SPLIT) {
                for (int i = 0; i < listed.size(); i++) {
                    Variable v = variables.get(item.columns().get(i));
                    assertThat(v.label()).as("one 0/1 column per choice, in order")
                            .endsWith(": " + listed.get(i).getValue());
                    assertThat(v.valueLabels()).as(v.name()).containsExactly(Map.entry("0", "not chosen"),
                            Map.entry("1", "chosen"));
                    binary++;
                }
            } else if (item.treatment() == Treatment.AS_IS) {
                Variable v = variables.get(item.columns().get(0));
                List<String> values = new ArrayList<>(v.valueLabels().keySet());
                values.remove(Hierarchy.ANY);
                assertThat(values).as(v.name()).containsExactlyElementsOf(listed.stream().map(Map.Entry::getKey)
                        .toList());
                categorical++;
            }
        }
        assertThat(binary).as("the study has 0/1 columns").isGreaterThan(1);
        assertThat(categorical).as("the study has single-choice columns").isGreaterThan(1);
    }

    @Test
    void spsAndR_binaryColumn_labelsZeroThenOne() {
        List<Variable> one = List.of(binaryVariable());
        assertThat(SpssSyntax.of("wide.csv", one, List.of())).contains("VALUE LABELS\n  q__a '0' 'not chosen' "
                + "'1' 'chosen'\n");
        assertThat(RSyntax.of("wide.csv", one, List.of())).contains("levels = c(\"0\", \"1\"), labels = "
                + "c(\"not chosen\", \"chosen\")");
    }

    /** The 0/1 column {@code q__a} as {@link SyntaxFiles#variables} describes each column of a multiple choice. */
    private Variable binaryVariable() {
        ExportLayout layout = new ExportLayout(ExportFixtures.forms(STUDY), STUDY.study().anonymisationOrDefault());
        Codebook codebook = new Codebook(STUDY.study(), layout, "en", "per-export", Map.of());
        Variable split = SyntaxFiles.variables(STUDY.study(), layout, codebook).stream()
                .filter(v -> v.type() == Variable.Type.BINARY).findFirst().orElseThrow();
        return new Variable("q__a", "q: a", split.type(), split.valueLabels(), false);
    }

    /** Each question's choices (id and label) as the codebook file lists them ({@code id=label; id=label}). */
    private Map<String, List<Map.Entry<String, String>>> codebookChoices(Codebook codebook) throws IOException {
        codebook.writeCsv(new DirectorySink(dir));
        Map<String, List<Map.Entry<String, String>>> out = new LinkedHashMap<>();
        try (MappingIterator<Map<String, String>> rows = JsonMappers.csv().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(dir.resolve(Codebook.CSV).toFile())) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                String listed = row.get("choices");
                if (!row.get("question_id").isEmpty() && !listed.isEmpty()) {
                    out.put(row.get("question_id"), Arrays.stream(listed.split("; "))
                            .map(c -> Map.entry(c.substring(0, c.indexOf('=')), c.substring(c.indexOf('=') + 1)))
                            .toList());
                }
            }
        }
        return out;
    }
}
