package org.fieldsafe.server.forms;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormValidationException;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.storage.CompiledForm;
import org.fieldsafe.server.storage.CompiledStudy;

/** Studies from the forms directory, validated by fieldsafe-core's {@link StudyLoader}. */
public final class CoreStudySource implements StudyBundleSource {
    private final Path formsRoot;

    public CoreStudySource(Path formsRoot) {
        this.formsRoot = formsRoot;
    }

    public CoreStudySource(FieldsafeConfiguration config) {
        this(Path.of(config.forms().directory()));
    }

    @Override
    public List<Bundle> loadAll() {
        if (!Files.isDirectory(formsRoot)) {
            throw new FormRejectedException(List.of(formsRoot + ": the forms directory does not exist"));
        }
        try {
            return StudyLoader.loadAll(formsRoot).stream().map(CoreStudySource::toBundle).toList();
        } catch (FormValidationException e) {
            throw rejected(e);
        }
    }

    @Override
    public CompiledForm parseForm(String yaml, String sourceName, String studyCanonicalJson, String studyId) {
        Study study = Study.fromCanonicalJson(studyCanonicalJson.getBytes(StandardCharsets.UTF_8));
        try {
            return toForm(StudyLoader.parseForm(yaml, sourceName, study));
        } catch (FormValidationException e) {
            throw rejected(e);
        }
    }

    static Bundle toBundle(StudyBundle bundle) {
        return new Bundle(CompiledStudy.of(bundle.study()), bundle.forms().stream().map(CoreStudySource::toForm).toList());
    }

    static CompiledForm toForm(FormDefinition form) {
        Map<String, String> languages = new TreeMap<>();
        form.languages().forEach((language, state) -> languages.put(language, state.wire()));
        return new CompiledForm(form.id(), form.kind().wire(), form.sha256(),
                new String(form.canonicalJson(), StandardCharsets.UTF_8), languages);
    }

    private static FormRejectedException rejected(FormValidationException e) {
        return FormRejectedException.of(e.problems());
    }
}
