package org.fieldsafe.server.cli.xlsform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the XLSForms under {@code src/test/resources/fixtures/xlsform/} that the import tests read, for the
 * server's test study ({@code fixtures/forms/test-study}: en, km, bn). Run once from the server folder and commit
 * the files; run again to regenerate them after a change here:
 * <pre>
 * mvn -B -q -pl server -am test-compile
 * cd server &amp;&amp; mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:../core/target/classes:$(cat target/test.cp)" \
 *     org.fieldsafe.server.cli.xlsform.XlsFormFixtures
 * </pre>
 * (or run {@link #main} from an IDE with the server folder as working directory). The spreadsheet row numbers the
 * tests expect in problems are the 1-based row numbers below (the header is row 1).
 */
public final class XlsFormFixtures {
    static final Path DIR = Path.of("src", "test", "resources", "fixtures", "xlsform");

    private XlsFormFixtures() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : DIR;
        Files.createDirectories(dir);
        write(dir.resolve("all-columns.xlsx"), allColumns());
        write(dir.resolve("plain-odk.xlsx"), plainOdk());
        write(dir.resolve("unsupported.xlsx"), unsupported());
    }

    /** Every supported type and column, three languages, a group with a relevant, probes, states. */
    static XSSFWorkbook allColumns() {
        XSSFWorkbook w = new XSSFWorkbook();
        sheet(w, "survey", new String[][]{
                {"type", "name", "label::English (en)", "label::Khmer (km)", "label::Bengali", "hint::English (en)",
                        "hint::Khmer (km)", "required", "relevant", "constraint", "constraint_message::English (en)",
                        "constraint_message::Khmer (km)", "appearance", "sensitivity", "disclosure_when",
                        "disclosure_category", "disclosure_urgency"},
                {"note", "intro", "Thank you for your time.", "អរគុណ", "ধন্যবাদ", "Read out slowly.", "អានយឺតៗ"},
                {"date", "interview_date", "Date", "កាលបរិច្ឆេទ", "", "", "", "yes", "", ". <= today()",
                        "Not in the future.", "មិនមែនថ្ងៃអនាគត"},
                {"integer", "age", "Age", "អាយុ", "বয়স", "", "", "true", "", ". >= 10 and . <= 110",
                        "Between 10 and 110.", "", "", "quasi_identifier"},
                {"text", "phone", "Phone", "", "", "Only if the respondent agrees.", "", "", "",
                        "regex(., '^[0-9 +]+$')", "Digits, spaces and + only.", "", "", "direct_identifier"},
                {"begin group", "household", "Household", "គ្រួសារ", "", "", "", "", "${age} >= 18", "", "", "",
                        "field-list"},
                {"decimal", "income", "Monthly income", "", "", "", "", "", "${age} < 65", ". >= 0"},
                {"select_multiple services", "services", "Services used", "សេវា"},
                {"end group"},
                {"select_one yes_no", "harmed", "Has anyone harmed you?", "", "", "", "", "yes",
                        "count-selected(${services}) > 0", "", "", "", "", "sensitive", "${harmed} = 'yes'",
                        "current_risk", "immediate"},
                {"text", "story", "Tell me more.", "", "", "", "", "", "selected-at(${services}, 0) = 'shelter' or"
                        + " string-length(coalesce(${phone}, '')) > 0", "", "", "", "multiline", "sensitive"},
                {"audio", "recording", "Recording", "", "", "", "", "", "if(${harmed} = 'yes', true, false)"},
        });
        sheet(w, "choices", new String[][]{
                {"list_name", "name", "label::English (en)", "label::Khmer (km)"},
                {"yes_no", "yes", "Yes", "បាទ/ចាស"},
                {"yes_no", "no", "No", "ទេ"},
                {"services", "shelter", "Shelter"},
                {"services", "health", "Health care"},
                {"services", "legal", "Legal aid"},
        });
        sheet(w, "settings", new String[][]{
                {"form_title", "form_title::Khmer (km)", "form_id", "version", "default_language", "kind",
                        "consent_form", "translation_state::Khmer (km)", "translation_state::Bengali (bn)"},
                {"Household interview", "ការសម្ភាសន៍គ្រួសារ", "household", "2026-12", "English (en)", "interview",
                        "consent", "draft", "draft"},
        });
        sheet(w, "probes", new String[][]{
                {"question", "name", "label::English (en)", "label::Khmer (km)"},
                {"story", "feelings", "How did you feel then?", "តើអ្នកមានអារម្មណ៍យ៉ាងណា?"},
                {"story", "who_helped", "Who helped you?"},
        });
        return w;
    }

    /** An XLSForm as ODK users write it: plain label and hint columns, "list name", only the kind added. */
    static XSSFWorkbook plainOdk() {
        XSSFWorkbook w = new XSSFWorkbook();
        sheet(w, "survey", new String[][]{
                {"type", "name", "label", "hint", "required", "constraint"},
                {"select_one yes_no", "agree", "Do you agree to take part?", "Ask after reading the information.",
                        "yes"},
                {"integer", "household_size", "How many people live in your household?", "", "", ". > 0 and . < 50"},
                {"note", "thanks", "Thank you."},
        });
        sheet(w, "choices", new String[][]{
                {"list name", "name", "label"},
                {"yes_no", "yes", "Yes"},
                {"yes_no", "no", "No"},
        });
        sheet(w, "settings", new String[][]{
                {"form_title", "form_id", "kind"},
                {"Screening", "screening", "consent"},
        });
        return w;
    }

    /** One row per feature Fieldsafe cannot take; the test expects each at its row and column. */
    static XSSFWorkbook unsupported() {
        XSSFWorkbook w = new XSSFWorkbook();
        sheet(w, "survey", new String[][]{
                {"type", "name", "label::English (en)", "label::French (fr)", "required", "relevant", "constraint",
                        "choice_filter", "calculation", "default", "appearance"},
                {"text", "Respondent", "Name"},                                                        // 2
                {"geopoint", "location", "Where are you?"},                                            // 3
                {"begin repeat", "members", "Household members"},                                      // 4
                {"text", "member_name", "Member"},                                                     // 5
                {"end repeat"},                                                                        // 6
                {"calculate", "total", "", "", "", "", "", "", "1 + 1"},                               // 7
                {"start", "started"},                                                                  // 8
                {"select_one yes_no or_other", "smoker", "Do you smoke?"},                             // 9
                {"select_one_from_file villages.csv", "village", "Village"},                           // 10
                {"select_one district", "district", "District", "", "", "", "", "district = 'north'"}, // 11
                {"integer", "age", "Age", "", "${district} != ''"},                                    // 12
                {"text", "village_name", "Village name", "", "", "jr:choice-name(${district}, '${district}')"}, // 13
                {"integer", "children", "Children", "", "", "", ". < ${nothing}"},                     // 14
                {"integer", "rooms", "Rooms", "", "", "", "", "", "", "3"},                            // 15
                {"select_one yes_no", "has_radio", "Radio?", "", "", "", "", "", "", "", "minimal"},   // 16
                {"text", "age", "Age again"},                                                          // 17
                {"note", "", "A note without a name"},                                                 // 18
                {"text", "no_label", "", "Sans étiquette"},                                            // 19
        });
        sheet(w, "choices", new String[][]{
                {"list_name", "name", "label::English (en)", "image"},
                {"yes_no", "yes", "Yes"},
                {"yes_no", "no", "No"},
                {"district", "north", "North", "north.png"},
                {"yes_no", "yes", "Yes again"},
        });
        sheet(w, "settings", new String[][]{
                {"form_title", "form_id", "kind", "public_key"},
                {"Unsupported features", "Unsupported", "survey", "MIIBIjANBgkq"},
        });
        sheet(w, "external_choices", new String[][]{{"list_name", "name", "label"}, {"villages", "a", "A"}});
        return w;
    }

    public static void sheet(XSSFWorkbook workbook, String name, String[][] rows) {
        Sheet sheet = workbook.createSheet(name);
        for (int r = 0; r < rows.length; r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                if (!rows[r][c].isEmpty()) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
        }
    }

    private static void write(Path file, XSSFWorkbook workbook) throws IOException {
        try (workbook; OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
    }
}
