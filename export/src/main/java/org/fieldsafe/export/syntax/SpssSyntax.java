package org.fieldsafe.export.syntax;

import java.util.List;

/**
 * The SPSS syntax ({@code .sps}, also run by GNU PSPP) that reads the wide CSV with the codebook's variable and value
 * labels and declares the missing-value codes missing. Run it from the directory that holds the CSV.
 */
public final class SpssSyntax {
    private SpssSyntax() {
    }

    public static String of(String csvName, List<Variable> variables, List<String> missingCodes) {
        StringBuilder s = new StringBuilder(Variable.intro("*", csvName, true));
        s.append("GET DATA\n  /TYPE=TXT\n  /FILE='").append(csvName).append("'\n  /ENCODING='UTF-8'\n")
                .append("  /ARRANGEMENT=DELIMITED\n  /DELCASE=VARIABLES ").append(variables.size())
                .append("\n  /FIRSTCASE=2\n  /DELIMITERS=\",\"\n  /QUALIFIER='\"'\n  /VARIABLES=\n");
        for (Variable v : variables) {
            s.append("    ").append(v.name()).append(' ').append(format(v)).append('\n');
        }
        s.append(".\n\nVARIABLE LABELS\n");
        for (int i = 0; i < variables.size(); i++) {
            Variable v = variables.get(i);
            s.append(i == 0 ? "  " : "  /").append(v.name()).append(' ')
                    .append(quote(Variable.oneLine(v.label(), 80))).append('\n');
        }
        s.append(".\n");
        boolean any = false;
        for (Variable v : variables) {
            if (v.valueLabels().isEmpty()) {
                continue;
            }
            s.append(any ? "  /" : "\nVALUE LABELS\n  ").append(v.name());
            v.valueLabels().forEach((value, label) -> s.append(' ').append(quote(value)).append(' ')
                    .append(quote(Variable.oneLine(label, 120))));
            s.append('\n');
            any = true;
        }
        if (any) {
            s.append(".\n");
        }
        List<String> codes = missingCodes.subList(0, Math.min(3, missingCodes.size()));
        for (Variable v : variables) {
            if (v.missingCodes() && !codes.isEmpty()) {
                s.append("MISSING VALUES ").append(v.name()).append(" (")
                        .append(String.join(", ", codes.stream().map(SpssSyntax::quote).toList())).append(").\n");
            }
        }
        s.append("EXECUTE.\n");
        return s.toString();
    }

    private static String format(Variable v) {
        return switch (v.type()) {
            case INTEGER -> "F8.0";
            case BINARY -> "A2";
            case CATEGORICAL -> "A64";
            case TEXT -> "A32767";
        };
    }

    /** An SPSS string literal: single quotes, a quote inside doubled. */
    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
