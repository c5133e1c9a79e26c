package org.fieldsafe.server.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.wire.NewExport;
import org.fieldsafe.export.ExportFilter;
import org.fieldsafe.export.ExportForm;
import org.fieldsafe.export.ExportFormat;
import org.fieldsafe.export.ExportRequest;
import org.fieldsafe.server.problems.ProblemException;

/** Checks an export request body against the study; a 422 problem names the first field that is not valid. */
final class ExportRequests {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int MAX_ITEMS = 100;
    static final int MAX_K = 1000;

    private ExportRequests() {
    }

    static ExportRequest parse(Study study, List<ExportForm> forms, NewExport body) {
        if (body.passphrase() == null || body.passphrase().length == 0) {
            throw invalid("passphrase");
        }
        Set<ExportFormat> formats = EnumSet.noneOf(ExportFormat.class);
        if (body.formats() == null || body.formats().isEmpty()) {
            formats.addAll(ExportFormat.defaults());
        } else {
            for (String format : checkedSize(body.formats(), "formats")) {
                try {
                    formats.add(ExportFormat.of(format));
                } catch (IllegalArgumentException e) {
                    throw invalid("formats");
                }
            }
        }
        String language = body.language() == null ? study.masterLanguage() : body.language();
        if (!study.languages().containsKey(language)) {
            throw invalid("language");
        }
        if (body.stableCodesGrant() != null && !UUID.matcher(body.stableCodesGrant()).matches()) {
            throw invalid("stableCodesGrant");
        }
        if (body.k() != null && (body.k() < study.kAnonymity() || body.k() > MAX_K)) {
            throw invalid("k");
        }
        if (Boolean.TRUE.equals(body.audio()) && !formats.contains(ExportFormat.QDPX)) {
            throw ProblemException.unprocessable("export-invalid", "Export request not valid",
                    "Audio is exported in QDPX only: add the format qdpx, or leave out audio.");
        }
        return new ExportRequest(study.id(), formats, language, filter(study, forms, body.filter()),
                body.stableCodesGrant() != null, body.k() == null ? 0 : body.k());
    }

    static ExportFilter filter(Study study, List<ExportForm> forms, NewExport.Filter filter) {
        if (filter == null) {
            return ExportFilter.all();
        }
        Set<String> siteIds = new HashSet<>(study.sites().stream().map(Site::id).toList());
        Set<String> sites = Set.copyOf(nonNull(filter.sites(), "filter.sites"));
        if (!siteIds.containsAll(sites)) {
            throw invalid("filter.sites");
        }
        Set<String> formIds = Set.copyOf(nonNull(filter.forms(), "filter.forms"));
        if (!forms.stream().map(ExportForm::id).toList().containsAll(formIds)) {
            throw invalid("filter.forms");
        }
        Instant from = instant(filter.from(), false, "filter.from");
        Instant to = instant(filter.to(), true, "filter.to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("filter.to");
        }
        return new ExportFilter(sites, formIds, from, to);
    }

    private static List<String> nonNull(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(v -> v == null)) {
            throw invalid(field);
        }
        return checkedSize(values, field);
    }

    private static List<String> checkedSize(List<String> values, String field) {
        if (values.size() > MAX_ITEMS) {
            throw invalid(field);
        }
        return values;
    }

    /**
     * A date ({@code 2026-03-01}: the start of that day in UTC; as an end, the start of the next day, so the day
     * is included) or an instant ({@code 2026-03-01T08:00:00Z}); null stays null.
     */
    static Instant instant(String value, boolean end, String field) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field);
        }
    }

    private static ProblemException invalid(String field) {
        return ProblemException.invalidField("export-invalid", "Export request not valid", field);
    }
}
