package org.fieldsafe.client.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.DeviceInfo;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.FormSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code forms list}: the forms on this device, with their languages and translation states. */
@Command(name = "list", description = {
        "List the forms on this device: id, kind, version, short hash, title, and each language's",
        "translation state (complete, draft = unreviewed, missing = shown in the master language)."})
final class FormsListCommand implements Callable<Integer> {
    private static final List<String> HEADER = List.of("FORM", "KIND", "VERSION", "HASH", "TITLE", "LANGUAGES");

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Override
    public Integer call() throws ClientException {
        PrintWriter out = spec.commandLine().getOut();
        try (FieldsafeClient client = home.openExisting(spec)) {
            List<FormSummary> forms = client.listForms();
            DeviceInfo device = client.device().orElseThrow();
            out.println("study " + device.study() + ", site " + device.site());
            if (forms.isEmpty()) {
                out.println("no forms on this device yet; pull them: fieldsafe client forms pull");
            } else {
                List<List<String>> rows = new ArrayList<>();
                rows.add(HEADER);
                for (FormSummary f : forms) {
                    rows.add(List.of(f.formId(), f.kind(), "v" + f.version(), f.shortHash(),
                            f.title() == null ? "-" : f.title(), languages(f.languages())));
                }
                print(out, rows);
            }
            out.flush();
        }
        return 0;
    }

    static String languages(Map<String, String> languages) {
        if (languages.isEmpty()) {
            return "-";
        }
        return languages.entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue() == null ? "unknown" : e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static void print(PrintWriter out, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
