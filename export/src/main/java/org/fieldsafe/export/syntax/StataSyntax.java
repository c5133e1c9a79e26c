package org.fieldsafe.export.syntax;

import java.util.List;
import java.util.Map;

/**
 * The Stata do-file that reads the wide CSV with the codebook's labels: every column as text, then each
 * categorical column turned into a labelled number ({@code label define}, {@code label values}), each 0/1 column into
 * a number, the missing-value codes becoming Stata's extended missing values {@code .a .b .c}. Variable names are
 * already Stata-valid ({@link VariableNames}). Run it from the directory that holds the CSV.
 */
public final class StataSyntax {
    private StataSyntax() {
    }

    public static String of(String csvName, List<Variable> variables, List<String> missingCodes) {
        StringBuilder s = new StringBuilder(Variable.intro("*", csvName, true));
        s.append("import delimited using \"").append(csvName).append("\", varnames(1) encoding(\"utf-8\")")
                .append(" stringcols(_all) bindquote(strict) clear\n");
        int n = 0;
        for (Variable v : variables) {
            s.append("label variable ").append(v.name()).append(' ').append(quote(Variable.oneLine(v.label(), 80)))
                    .append('\n');
            if (v.type() == Variable.Type.INTEGER || v.type() == Variable.Type.BINARY) {
                // real() reads the codes .a .b .c as Stata's extended missing values
                s.append("generate double fs_tmp = real(").append(v.name()).append(")\n");
                replace(s, v);
                if (v.type() == Variable.Type.BINARY) {
                    n++;
                    s.append("label define fs_l").append(n).append(" 0 ").append(quote(v.valueLabels().get("0")))
                            .append(" 1 ").append(quote(v.valueLabels().get("1"))).append(", replace\n");
                    s.append("label values ").append(v.name()).append(" fs_l").append(n).append('\n');
                }
            } else if (v.type() == Variable.Type.CATEGORICAL) {
                n++;
                categorical(s, v, "fs_l" + n, missingCodes);
            }
        }
        s.append("compress\n");
        return s.toString();
    }

    private static void categorical(StringBuilder s, Variable v, String label, List<String> missingCodes) {
        s.append("label define ").append(label);
        int code = 1;
        for (Map.Entry<String, String> e : v.valueLabels().entrySet()) {
            s.append(' ').append(code++).append(' ').append(quote(Variable.oneLine(e.getValue(), 120)));
        }
        s.append(", replace\n");
        s.append("generate long fs_tmp = .\n");
        code = 1;
        for (String value : v.valueLabels().keySet()) {
            s.append("quietly replace fs_tmp = ").append(code++).append(" if ").append(v.name()).append(" == ")
                    .append(quote(value)).append('\n');
        }
        for (String m : missingCodes) {
            s.append("quietly replace fs_tmp = ").append(m).append(" if ").append(v.name()).append(" == ")
                    .append(quote(m)).append('\n');
        }
        s.append("label values fs_tmp ").append(label).append('\n');
        replace(s, v);
    }

    /** Puts fs_tmp in the place of the column, under its name and label. */
    private static void replace(StringBuilder s, Variable v) {
        s.append("order fs_tmp, after(").append(v.name()).append(")\n");
        s.append("drop ").append(v.name()).append('\n');
        s.append("rename fs_tmp ").append(v.name()).append('\n');
        s.append("label variable ").append(v.name()).append(' ').append(quote(Variable.oneLine(v.label(), 80)))
                .append('\n');
    }

    /** A Stata compound-quoted string, which may hold any double quote. */
    static String quote(String s) {
        return "`\"" + s.replace("\"'", "\" '") + "\"'";
    }
}
