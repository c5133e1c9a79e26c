package org.fieldsafe.server.forms;

import java.util.List;
import org.fieldsafe.server.storage.CompiledForm;
import org.fieldsafe.server.storage.CompiledStudy;

/**
 * Where study and form definitions come from: the forms directory, validated by fieldsafe-core.
 * {@link #loadAll()} reads every study; {@link #parseForm} validates one uploaded form file.
 */
public interface StudyBundleSource {
    /** A study with its forms, in the order the files define them. */
    record Bundle(CompiledStudy study, List<CompiledForm> forms) {
    }

    /** Loads every study; throws {@link FormRejectedException} when any file fails validation. */
    List<Bundle> loadAll();

    /** Validates one form file's YAML against its study; throws {@link FormRejectedException}. */
    CompiledForm parseForm(String yaml, String sourceName, String studyCanonicalJson, String studyId);
}
