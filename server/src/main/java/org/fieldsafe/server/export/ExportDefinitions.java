package org.fieldsafe.server.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.export.ExportForm;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.FormVersionRow;
import org.fieldsafe.server.storage.StudyStore;

/**
 * What an export engine needs besides the sealed submissions: the study's current definition and every stored
 * version of its forms, as canonical JSON (what the sealed pull hands to an offline export) and parsed.
 */
public record ExportDefinitions(String studyJson, List<FormJson> formJson) {

    /** One stored form version's number and canonical JSON (translations merged). */
    public record FormJson(int version, String definition) {
    }

    /** The study's definitions as stored; 404 problem for an unknown study. */
    public static ExportDefinitions load(StudyStore studies, FormStore forms, String studyId) {
        CompiledStudy study = studies.current(studyId);
        List<FormJson> formJson = new ArrayList<>();
        for (FormVersionRow row : forms.list(study.id())) {
            formJson.add(new FormJson(row.version(), row.canonicalJson()));
        }
        return new ExportDefinitions(study.canonicalJson(), List.copyOf(formJson));
    }

    public Study study() {
        return Study.fromCanonicalJson(studyJson.getBytes(StandardCharsets.UTF_8));
    }

    public List<ExportForm> forms() {
        return formJson.stream().map(f -> new ExportForm(f.version(),
                FormDefinition.fromCanonicalJson(f.definition().getBytes(StandardCharsets.UTF_8)))).toList();
    }
}
