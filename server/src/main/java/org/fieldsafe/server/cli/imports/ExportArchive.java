package org.fieldsafe.server.cli.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.fieldsafe.core.wire.SubmissionImport;

/**
 * An export to import, told apart by its columns: ODK Central's "CSV zip" (a zip with the main CSV - columns
 * {@code SubmissionDate}, the questions with group paths joined by {@code -}, {@code meta-instanceID}, {@code KEY},
 * {@code SubmitterName}, {@code ReviewState}... - and one CSV per repeat, with {@code PARENT_KEY}), or KoboToolbox's
 * CSV export (a CSV, or a zip holding one, separated by {@code ;} by default, group paths joined by {@code /}, and
 * {@code _uuid}, {@code _submission_time}, {@code _id}... after the questions).
 */
final class ExportArchive {
    /** The two exports, with their source name, group separator, instance id and submission time columns. */
    enum Kind {
        CENTRAL(SubmissionImport.ODK_CENTRAL, "-", List.of("meta-instanceID", "KEY"), "SubmissionDate",
                List.of("SubmissionDate", "meta-instanceID", "KEY", "SubmitterID", "SubmitterName",
                        "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits",
                        "FormVersion", "isValidated", "instanceID", "meta-instanceName", "meta-deprecatedID")),
        KOBO(SubmissionImport.KOBO, "/", List.of("_uuid", "meta/instanceID"), "_submission_time",
                List.of("_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
                        "_submitted_by", "__version__", "_tags", "_index", "_parent_table_name", "_parent_index",
                        "_version_", "_xform_id_string", "_attachments", "_geolocation", "meta/instanceID",
                        "meta/deprecatedID", "meta/rootUuid", "formhub/uuid"));

        final String source;
        final String separator;
        final List<String> instanceColumns;
        final String timeColumn;
        /** Columns the export adds besides the questions: read for instance id and time, or left aside. */
        final List<String> metaColumns;

        Kind(String source, String separator, List<String> instanceColumns, String timeColumn,
             List<String> metaColumns) {
            this.source = source;
            this.separator = separator;
            this.instanceColumns = instanceColumns;
            this.timeColumn = timeColumn;
            this.metaColumns = metaColumns;
        }
    }

    /** The export as read: its kind, the main table, and the other CSVs in it (repeat tables). */
    record Read(Kind kind, ExportTable main, List<ExportTable> others) {
    }

    private ExportArchive() {
    }

    static Read read(Path path) throws ImportProblems {
        String name = path.getFileName().toString();
        Map<String, byte[]> csvs = new LinkedHashMap<>();
        try {
            if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
                    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                        if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                            csvs.put(e.getName(), zip.readAllBytes());
                        }
                    }
                }
            } else {
                csvs.put(name, Files.readAllBytes(path));
            }
        } catch (IOException e) {
            throw new ImportProblems(List.of(name + ": cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
        List<ExportTable> tables = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, byte[]> csv : csvs.entrySet()) {
            try {
                tables.add(ExportTable.read(csv.getKey(), csv.getValue(), ExportTable.sniffSeparator(csv.getValue())));
            } catch (IOException e) {
                problems.add(name + ": " + csv.getKey() + " cannot be read as CSV");
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportProblems(problems);
        }
        for (Kind kind : Kind.values()) {
            List<ExportTable> mains = tables.stream().filter(t -> isMain(kind, t)).toList();
            if (mains.size() == 1) {
                List<ExportTable> others = tables.stream().filter(t -> t != mains.get(0)).toList();
                return new Read(kind, mains.get(0), others);
            }
            if (mains.size() > 1) {
                throw new ImportProblems(List.of(name + ": holds " + mains.size() + " main tables ("
                        + String.join(", ", mains.stream().map(ExportTable::file).toList()) + "); export one form"));
            }
        }
        throw new ImportProblems(List.of(name + ": neither an ODK Central CSV zip (a CSV with the columns "
                + "SubmissionDate and meta-instanceID or KEY) nor a KoboToolbox CSV export (columns _uuid and "
                + "_submission_time)" + (tables.isEmpty() ? "; it holds no CSV file" : "; its CSV "
                + tables.get(0).file() + " has neither")));
    }

    private static boolean isMain(Kind kind, ExportTable t) {
        return t.header().contains(kind.timeColumn) && kind.instanceColumns.stream().anyMatch(t.header()::contains)
                && !t.header().contains("PARENT_KEY") && !t.header().contains("_parent_index");
    }
}
