package org.fieldsafe.server.cli.xlsform;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * The data fields of an XLSForm's survey sheet as an export of its submissions names them: each field's name, type
 * (first word: {@code select_one}, {@code integer}, ...), and the names of the groups and repeats it sits in, outer
 * first. This is what an ODK Central or KoboToolbox export's columns are built from (group paths joined by
 * {@code -} or {@code /}); unlike {@link XlsFormReader} it converts nothing into a Fieldsafe form, so metadata,
 * notes, calculations and repeats are listed, not refused: the importer decides.
 *
 * @param formId the settings sheet's {@code form_id} (null when none): Central names its main CSV after it
 * @param fields the survey's fields in row order (no groups, repeats or their ends)
 * @param repeats the repeats, by name, with their rows
 */
public record SurveyFields(String formId, List<Field> fields, List<Field> repeats) {

    /**
     * One field: its survey {@code row}, {@code name}, {@code type} (the first word, lower case), {@code list} (a
     * select's list name, else null), {@code groups} (enclosing group and repeat names, outer first) and whether
     * it sits in a repeat.
     */
    public record Field(int row, String name, String type, String list, List<String> groups, boolean inRepeat) {
        /** The export's column name: the group path and the name joined by {@code separator}. */
        public String path(String separator) {
            List<String> parts = new ArrayList<>(groups);
            parts.add(name);
            return String.join(separator, parts);
        }
    }

    /** Reads the workbook; a file that is not one is an {@link XlsFormException} naming it. */
    public static SurveyFields read(InputStream xlsx) throws XlsFormException {
        try (Workbook workbook = WorkbookFactory.create(xlsx)) {
            SheetTable survey = null;
            SheetTable settings = null;
            for (Sheet sheet : workbook) {
                String name = sheet.getSheetName().strip().toLowerCase(Locale.ROOT);
                if (name.equals("survey")) {
                    survey = SheetTable.read(sheet);
                } else if (name.equals("settings")) {
                    settings = SheetTable.read(sheet);
                }
            }
            if (survey == null) {
                throw new XlsFormException(List.of(new XlsFormProblem("survey", 0, "",
                        "the workbook has no survey sheet")));
            }
            String formId = settings == null || settings.lines().isEmpty() ? null
                    : blankToNull(settings.lines().get(0).get("form_id"));
            return fields(survey, formId);
        } catch (IOException | RuntimeException e) {
            throw new XlsFormException(List.of(new XlsFormProblem("file", 0, "", "cannot be read as an .xlsx"
                    + " workbook (" + e.getClass().getSimpleName() + ")")));
        }
    }

    private record Open(String name, boolean repeat) {
    }

    private static SurveyFields fields(SheetTable survey, String formId) throws XlsFormException {
        List<Field> fields = new ArrayList<>();
        List<Field> repeats = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        for (SheetTable.Line line : survey.lines()) {
            String type = line.get("type").strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            String name = line.get("name").strip();
            if (type.isEmpty()) {
                continue;
            }
            if (type.equals("begin group") || type.equals("begin_group")
                    || type.equals("begin repeat") || type.equals("begin_repeat")) {
                boolean repeat = type.contains("repeat");
                if (repeat) {
                    repeats.add(new Field(line.row(), name, "repeat", null, path(open), inRepeat(open)));
                }
                open.push(new Open(name, repeat));
            } else if (type.equals("end group") || type.equals("end_group") || type.equals("end repeat")
                    || type.equals("end_repeat")) {
                if (open.isEmpty()) {
                    throw new XlsFormException(List.of(new XlsFormProblem(survey.name(), line.row(), "type",
                            "`" + type + "` without a begin before it")));
                }
                open.pop();
            } else {
                String[] words = type.split(" ");
                fields.add(new Field(line.row(), name, words[0], words.length > 1 ? words[1] : null, path(open),
                        inRepeat(open)));
            }
        }
        return new SurveyFields(formId, List.copyOf(fields), List.copyOf(repeats));
    }

    private static List<String> path(Deque<Open> open) {
        List<String> names = new ArrayList<>();
        open.descendingIterator().forEachRemaining(o -> names.add(o.name()));
        return List.copyOf(names);
    }

    private static boolean inRepeat(Deque<Open> open) {
        return open.stream().anyMatch(Open::repeat);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
