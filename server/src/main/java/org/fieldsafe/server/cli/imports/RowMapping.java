package org.fieldsafe.server.cli.imports;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.server.cli.xlsform.SurveyFields;

/**
 * The export's columns mapped to the study's questions through the XLSForm (its field names and group paths), and
 * each row read into the answers a device would have collected: consent-form answers and interview answers.
 * Problems are collected, all of them, each naming the file, row and column: a column that is no field of the
 * XLSForm, a field that is no question of the published form or its consent form (or of another type), a cell that
 * is no answer to its question, a row without instance id or submission time, repeats.
 */
final class RowMapping {
    /**
     * XLSForm types whose columns hold no answer to keep: metadata (a Fieldsafe header records time and device
     * itself), notes and calculations.
     */
    static final Set<String> LEFT_ASIDE = Set.of("start", "end", "today", "deviceid", "username", "email",
            "phonenumber", "simserial", "subscriberid", "audit", "start-geopoint", "background-geopoint",
            "background-audio", "note", "calculate", "hidden");

    /** One row of the export as answers: its row number, instance id, submission time and the answers. */
    record Mapped(int row, String instanceId, Instant submittedAt, Map<String, Object> consent,
                  Map<String, Object> answers) {
    }

    private record Target(Question question, boolean consent) {
    }

    private final ExportArchive.Read export;
    private final String xlsFormName;
    private final SurveyFields survey;
    private final FormDefinition consentForm;
    private final FormDefinition interviewForm;
    private final List<String> problems = new ArrayList<>();

    RowMapping(ExportArchive.Read export, String xlsFormName, SurveyFields survey, FormDefinition consentForm,
               FormDefinition interviewForm) {
        this.export = export;
        this.xlsFormName = xlsFormName;
        this.survey = survey;
        this.consentForm = consentForm;
        this.interviewForm = interviewForm;
    }

    /** Every row mapped; all problems at once. */
    List<Mapped> map() throws ImportProblems {
        for (SurveyFields.Field repeat : survey.repeats()) {
            problems.add(xlsFormName + " survey row " + repeat.row() + ": repeat " + repeat.name()
                    + " cannot be imported: Fieldsafe forms have no repeats");
        }
        for (ExportTable other : export.others()) {
            problems.add(other.file() + ": a repeat table (or a second form); Fieldsafe forms have no repeats, so it"
                    + " cannot be imported");
        }
        Map<Integer, Target> columns = columns();
        ExportTable main = export.main();
        List<Mapped> out = new ArrayList<>();
        Set<String> instanceIds = new HashSet<>();
        for (ExportTable.Row row : main.rows()) {
            String where = main.file() + " row " + row.number();
            String instanceId = instanceId(row);
            if (instanceId == null) {
                problems.add(where + ": no instance id (" + String.join(" or ", export.kind().instanceColumns) + ")");
            } else if (!instanceIds.add(instanceId)) {
                problems.add(where + ": the same instance id as an earlier row");
            }
            Instant submittedAt = submittedAt(row, where);
            Map<String, Object> consent = new LinkedHashMap<>();
            Map<String, Object> answers = new LinkedHashMap<>();
            for (Map.Entry<Integer, Target> column : columns.entrySet()) {
                String cell = row.cells().get(column.getKey());
                if (cell == null || cell.isBlank()) {
                    continue;
                }
                Target target = column.getValue();
                try {
                    (target.consent() ? consent : answers).put(target.question().id(),
                            AnswerParser.parse(target.question(), cell));
                } catch (AnswerParser.Refused refused) {
                    problems.add(where + ", column " + main.header().get(column.getKey()) + ": "
                            + refused.getMessage());
                }
            }
            out.add(new Mapped(row.number(), instanceId, submittedAt, consent, answers));
        }
        if (!problems.isEmpty()) {
            throw new ImportProblems(problems);
        }
        return out;
    }

    /** Column index to the question it answers; meta columns, left-aside fields and one-hot columns are left out. */
    private Map<Integer, Target> columns() {
        String separator = export.kind().separator;
        Map<String, SurveyFields.Field> byPath = new HashMap<>();
        Map<String, List<SurveyFields.Field>> byName = new HashMap<>();
        for (SurveyFields.Field f : survey.fields()) {
            if (!f.inRepeat()) {
                byPath.put(f.path(separator), f);
                byName.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(f);
            }
        }
        ExportTable main = export.main();
        Map<Integer, Target> out = new LinkedHashMap<>();
        Set<String> mapped = new HashSet<>();
        for (int i = 0; i < main.header().size(); i++) {
            String column = main.header().get(i);
            if (column.isEmpty() || export.kind().metaColumns.contains(column)) {
                continue;
            }
            SurveyFields.Field field = byPath.get(column);
            if (field == null && export.kind() == ExportArchive.Kind.KOBO && byName.getOrDefault(column, List.of())
                    .size() == 1) {
                field = byName.get(column).get(0); // Kobo can leave the group names out of its headers
            }
            if (field == null) {
                if (!oneHot(column, byPath)) {
                    problems.add(main.file() + " column " + column + ": not a field of " + xlsFormName
                            + " (no survey row has that name and group path)");
                }
                continue;
            }
            if (LEFT_ASIDE.contains(field.type())) {
                continue;
            }
            Optional<Question> consent = consentForm.question(field.name());
            Optional<Question> interview = interviewForm.question(field.name());
            Question q = consent.or(() -> interview).orElse(null);
            String where = main.file() + " column " + column + " (" + xlsFormName + " survey row " + field.row() + ")";
            if (q == null) {
                problems.add(where + ": " + field.name() + " is not a question of form " + interviewForm.id()
                        + " or its consent form " + consentForm.id());
            } else if (!AnswerParser.fits(field.type(), q.type())) {
                problems.add(where + ": the XLSForm's " + field.type() + " does not fit " + q.id() + ", a "
                        + q.type() + " question");
            } else if (!mapped.add((consent.isPresent() ? "consent/" : "interview/") + q.id())) {
                problems.add(where + ": a second column for " + q.id());
            } else {
                out.put(i, new Target(q, consent.isPresent()));
            }
        }
        return out;
    }

    /** Kobo's one column per choice of a select_multiple ({@code group/question/choice}, 1 or 0): left out. */
    private boolean oneHot(String column, Map<String, SurveyFields.Field> byPath) {
        int cut = column.lastIndexOf('/');
        if (export.kind() != ExportArchive.Kind.KOBO || cut < 0) {
            return false;
        }
        SurveyFields.Field field = byPath.get(column.substring(0, cut));
        return field != null && field.type().equals("select_multiple");
    }

    private String instanceId(ExportTable.Row row) {
        for (String name : export.kind().instanceColumns) {
            int i = export.main().column(name);
            if (i >= 0 && !row.cells().get(i).isBlank()) {
                return row.cells().get(i).strip();
            }
        }
        return null;
    }

    private Instant submittedAt(ExportTable.Row row, String where) {
        int i = export.main().column(export.kind().timeColumn);
        String value = i < 0 ? "" : row.cells().get(i).strip();
        Instant at = instant(value);
        if (at == null) {
            problems.add(where + ", column " + export.kind().timeColumn + ": not a date and time (ISO 8601)");
        }
        return at;
    }

    /** ISO 8601 with an offset, or (as Kobo writes {@code _submission_time}) without one, read as UTC. */
    static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
