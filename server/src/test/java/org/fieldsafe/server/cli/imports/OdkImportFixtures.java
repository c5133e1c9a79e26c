package org.fieldsafe.server.cli.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fieldsafe.server.cli.xlsform.XlsFormFixtures;

/**
 * Writes the binary fixtures of the import tests under {@code src/test/resources/fixtures/odk-import/}: the XLSForm
 * the earlier wave was collected with ({@code wave1.xlsx}, made up for these tests: a consent group, an interview
 * group with a nested group, a select_multiple, start/end metadata and a note) and ODK Central's CSV zip of it
 * ({@code wave1-central.zip}: {@code central/wave1.csv} as the zip's main table). The CSVs are written by hand in
 * the shapes the ODK Central and KoboToolbox documentation describe (Central: {@code SubmissionDate} first, group
 * paths joined by {@code -}, {@code meta-instanceID}, {@code KEY}, {@code SubmitterName}, {@code ReviewState} ...;
 * Kobo: {@code ;}-separated, paths joined by {@code /}, one 1/0 column per choice of a select_multiple, {@code _id},
 * {@code _uuid}, {@code _submission_time} ...); names and stories in them are invented. Run from the server folder
 * as {@code XlsFormFixtures} says, with this class's name.
 */
public final class OdkImportFixtures {
    static final Path DIR = Path.of("src", "test", "resources", "fixtures", "odk-import");

    private OdkImportFixtures() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : DIR;
        try (XSSFWorkbook w = xlsForm(); OutputStream out = Files.newOutputStream(dir.resolve("wave1.xlsx"))) {
            w.write(out);
        }
        zip(dir.resolve("wave1-central.zip"), Map.of("wave1.csv", Files.readAllBytes(dir.resolve("central")
                .resolve("wave1.csv"))));
    }

    /** The wave's XLSForm; survey rows as numbered in the comments (the header is row 1). */
    static XSSFWorkbook xlsForm() {
        XSSFWorkbook w = new XSSFWorkbook();
        XlsFormFixtures.sheet(w, "survey", new String[][]{
                {"type", "name", "label"},
                {"start", "start"},                                                      // 2
                {"end", "end"},                                                          // 3
                {"begin group", "consent_grp", "Consent"},                               // 4
                {"select_one yn", "participation", "Do you agree to take part?"},        // 5
                {"select_one modes", "consent_mode", "How was consent given?"},          // 6
                {"integer", "age", "How old are you?"},                                  // 7
                {"select_one yn", "guardian_consent", "Does the guardian consent?"},     // 8
                {"select_one yn", "child_assent", "Does the child agree?"},              // 9
                {"text", "respondent_code", "Respondent code"},                          // 10
                {"text", "respondent_name", "Respondent's name"},                        // 11
                {"end group"},                                                           // 12
                {"begin group", "interview_grp", "Interview"},                           // 13
                {"select_one cats", "category", "Respondent category"},                  // 14
                {"begin group", "work", "Work"},                                         // 15
                {"select_multiple works", "work_types", "What work did you do?"},        // 16
                {"date", "arrival_date", "When did you arrive?"},                        // 17
                {"end group"},                                                           // 18
                {"text", "q_meaning", "What happened?"},                                 // 19
                {"integer", "household_size", "Household size"},                         // 20
                {"decimal", "daily_wage", "Daily wage"},                                 // 21
                {"end group"},                                                           // 22
                {"note", "thanks", "Thank you."},                                        // 23
        });
        XlsFormFixtures.sheet(w, "choices", new String[][]{
                {"list_name", "name", "label"},
                {"yn", "yes", "Yes"}, {"yn", "no", "No"},
                {"modes", "verbal", "Verbal"}, {"modes", "signature", "Signature"},
                {"modes", "thumbprint", "Thumbprint"}, {"modes", "mark", "Mark"},
                {"cats", "RH", "Rights holder"}, {"cats", "DB", "Duty bearer"},
                {"works", "farming", "Farming"}, {"works", "factory", "Factory"},
                {"works", "domestic", "Domestic work"}, {"works", "fishing", "Fishing"},
        });
        XlsFormFixtures.sheet(w, "settings", new String[][]{{"form_title", "form_id", "version"},
                {"Wave 1", "wave1", "2024050101"}});
        return w;
    }

    /** A zip holding {@code files} (name to bytes), as Central's CSV zip holds its tables. */
    static void zip(Path out, Map<String, byte[]> files) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, byte[]> f : new java.util.TreeMap<>(files).entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
    }
}
