package org.fieldsafe.export.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The R script that reads the wide CSV into base R (no extra packages): every column as text, the missing-value codes
 * as {@code NA}, each categorical column as a factor whose levels carry the codebook's value labels, 0/1 columns as
 * factors too, {@code form_version} as an integer, and every column's label in its {@code label} attribute. The
 * strings are written with {@code \\u} escapes, so the script reads the same in any locale. Run it from the directory
 * that holds the CSV (or set {@code fieldsafe_csv} to its path first).
 */
public final class RSyntax {
    private RSyntax() {
    }

    public static String of(String csvName, List<Variable> variables, List<String> missingCodes) {
        StringBuilder s = new StringBuilder(Variable.intro("#", csvName, false));
        s.append("fieldsafe_file <- if (exists(\"fieldsafe_csv\")) fieldsafe_csv else ").append(quote(csvName))
                .append('\n');
        s.append("d <- read.csv(fieldsafe_file, encoding = \"UTF-8\", fileEncoding = \"UTF-8\",")
                .append(" colClasses = \"character\", na.strings = c(")
                .append(String.join(", ", missingCodes.stream().map(RSyntax::quote).toList()))
                .append("), check.names = FALSE)\n");
        for (Variable v : variables) {
            String col = "d[[" + quote(v.name()) + "]]";
            switch (v.type()) {
                case INTEGER -> s.append(col).append(" <- as.integer(").append(col).append(")\n");
                case CATEGORICAL, BINARY -> {
                    List<String> levels = new ArrayList<>();
                    List<String> labels = new ArrayList<>();
                    for (Map.Entry<String, String> e : v.valueLabels().entrySet()) {
                        levels.add(quote(e.getKey()));
                        String label = Variable.oneLine(e.getValue(), 120);
                        labels.add(quote(labels.contains(quote(label)) ? label + " (" + e.getKey() + ")" : label));
                    }
                    s.append(col).append(" <- factor(").append(col).append(", levels = c(")
                            .append(String.join(", ", levels)).append("), labels = c(")
                            .append(String.join(", ", labels)).append("))\n");
                }
                default -> {
                }
            }
            s.append("attr(").append(col).append(", \"label\") <- ").append(quote(Variable.oneLine(v.label(), 200)))
                    .append('\n');
        }
        return s.toString();
    }

    /** An R string literal in ASCII: quotes and backslashes escaped, every other character as a \\u escape. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else if (c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        });
        return out.append('"').toString();
    }
}
