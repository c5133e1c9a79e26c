package org.fieldsafe.server.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.fieldsafe.core.wire.NewExport;
import org.fieldsafe.export.ExportFilter;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.submissions.SubmissionStore;

/**
 * The sealed submissions of a study for an offline export ({@code admin export --key FILE}): the data manager's
 * command line opens them with a key the server is never given. Streamed as one JSON document
 * {@code {study, studyDefinition, forms: [{version, definition}], count, submissions: [{submissionId,
 * envelope}]}} with each envelope exactly as stored, page by page (constant memory). Only data managers; every
 * attempt audited ({@code export.sealed_pulled}, {@code export.denied}).
 */
public final class SealedPull {
    private final StudyStore studies;
    private final FormStore forms;
    private final SubmissionStore store;
    private final AuditLog audit;
    private final ObjectMapper json;

    public SealedPull(StudyStore studies, FormStore forms, SubmissionStore store, AuditLog audit, ObjectMapper json) {
        this.studies = studies;
        this.forms = forms;
        this.store = store;
        this.audit = audit;
        this.json = json;
    }

    /** What {@link #write} streams, checked and audited before the first byte is sent. */
    public record Pull(ExportDefinitions definitions, String studyId, ExportFilter filter, long count) {
    }

    /**
     * Checks the caller (403 and {@code export.denied} for anyone but a data manager) and the filter (422), and
     * audits the pull with its count.
     */
    public Pull prepare(FieldsafePrincipal who, String studyId, List<String> sites, List<String> formIds, String from,
                        String to) {
        if (who.role() != Role.DATA_MANAGER) {
            audit.append(who.actor(), "export.denied", DeniedSubject.of(studyId, who, "sealed"));
            throw ProblemException.forbidden("forbidden", "Forbidden", "Only a data manager pulls sealed submissions.");
        }
        ExportDefinitions definitions = ExportDefinitions.load(studies, forms, studyId);
        String study = definitions.study().id();
        ExportFilter filter = ExportRequests.filter(definitions.study(), definitions.forms(),
                new NewExport.Filter(sites, formIds, from, to));
        long count = new StoredSealedSource(store, json, study, filter).count();
        audit.append(who.actor(), "export.sealed_pulled", "study:" + study + " submissions:" + count);
        return new Pull(definitions, study, filter, count);
    }

    /** Streams the pull as JSON. */
    public void write(Pull pull, OutputStream out) throws IOException {
        try (JsonGenerator gen = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeStringField("study", pull.studyId());
            gen.writeFieldName("studyDefinition");
            gen.writeRawValue(pull.definitions().studyJson());
            gen.writeArrayFieldStart("forms");
            for (ExportDefinitions.FormJson form : pull.definitions().formJson()) {
                gen.writeStartObject();
                gen.writeNumberField("version", form.version());
                gen.writeFieldName("definition");
                gen.writeRawValue(form.definition());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeNumberField("count", pull.count());
            gen.writeArrayFieldStart("submissions");
            new StoredSealedSource(store, json, pull.studyId(), pull.filter()).forEachRaw((id, envelope) -> {
                gen.writeStartObject();
                gen.writeStringField("submissionId", id);
                gen.writeFieldName("envelope");
                gen.writeRawValue(envelope);
                gen.writeEndObject();
            });
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }
}
