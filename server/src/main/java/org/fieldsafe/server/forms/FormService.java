package org.fieldsafe.server.forms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.wire.FormVersionInfo;
import org.fieldsafe.core.wire.StudyInfo;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.directory.DirectoryEditor;
import org.fieldsafe.server.storage.CompiledForm;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.FormVersionDao;
import org.fieldsafe.server.storage.FormVersionRow;
import org.fieldsafe.server.storage.StudyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Studies and form versions as coordinators manage them: load from files, upload, publish, retire. */
public final class FormService {
    private static final Logger LOG = LoggerFactory.getLogger(FormService.class);

    private final Database database;
    private final StudyStore studies;
    private final FormStore forms;
    private final StudyBundleSource source;
    private final AuditLog audit;

    public FormService(Database database, StudyStore studies, FormStore forms, StudyBundleSource source,
                       AuditLog audit) {
        this.database = database;
        this.studies = studies;
        this.forms = forms;
        this.source = source;
        this.audit = audit;
    }

    /** Loads the forms directory: studies and forms are stored, and every file's form version is published. */
    public void loadAndPublish() {
        List<StudyBundleSource.Bundle> bundles = source.loadAll();
        for (StudyBundleSource.Bundle bundle : bundles) {
            publishBundle(bundle);
        }
        LOG.info("Loaded {} studies from the forms directory", bundles.size());
    }

    /** Stores one study with its forms, publishing each form's version. */
    public void publishBundle(StudyBundleSource.Bundle bundle) {
        String studyId = bundle.study().id();
        database.write(handle -> {
            CompiledStudy study = DirectoryEditor.keepEdits(bundle.study(),
                    studies.find(handle, studyId).orElse(null));
            if (studies.put(handle, study)) {
                audit.append(handle, "system", "study.loaded", "study:" + studyId + " sha256:" + study.sha256());
            }
            for (CompiledForm form : bundle.forms()) {
                FormStore.Registered registered = forms.register(handle, studyId, form, FormStore.PUBLISHED, "file");
                FormVersionRow row = registered.row();
                if (!registered.created() && FormStore.DRAFT.equals(row.state())) {
                    row = forms.transition(handle, studyId, row.formId(), row.version(), FormStore.PUBLISHED);
                } else if (!registered.created()) {
                    continue;
                }
                audit.append(handle, "system", "form.published", subject(studyId, row));
            }
            return null;
        });
    }

    public List<StudyInfo> studies() {
        return studies.list().stream().map(s -> new StudyInfo(s.id(), s.title(),
                s.sites().stream().map(CompiledStudy.SiteDirectory::site).toList(), s.languages())).toList();
    }

    /** The study's public title, sites (country, languages) and form titles, for the console's overview. */
    public StudyOutline outline(String studyId) {
        Study study = Study.fromCanonicalJson(studies.current(studyId).canonicalJson()
                .getBytes(StandardCharsets.UTF_8));
        Map<String, FormVersionRow> newest = new LinkedHashMap<>();
        for (FormVersionRow row : forms.list(studyId)) {
            newest.merge(row.formId(), row, (a, b) -> a.version() >= b.version() ? a : b);
        }
        List<StudyOutline.FormTitle> titles = new ArrayList<>();
        for (FormVersionRow summary : newest.values()) {
            FormVersionRow row = version(studyId, summary.formId(), summary.version());
            titles.add(new StudyOutline.FormTitle(row.formId(), row.version(), FormDefinition.fromCanonicalJson(
                    row.canonicalJson().getBytes(StandardCharsets.UTF_8)).title()));
        }
        return new StudyOutline(study.id(), study.publicTitle() == null ? Map.of() : study.publicTitle(),
                study.masterLanguage(), study.sites().stream().map(s -> new StudyOutline.SiteOutline(s.id(),
                        s.country(), s.languages() == null ? List.of() : s.languages())).toList(), titles);
    }

    public List<FormVersionInfo> forms(String studyId) {
        studies.current(studyId);
        return forms.list(studyId).stream().map(forms::info).toList();
    }

    public FormVersionRow version(String studyId, String formId, int version) {
        studies.current(studyId);
        return forms.find(studyId, formId, version).orElseThrow(() -> ProblemException.notFound("Form version"));
    }

    /** The result of an upload: the version and whether it is new. */
    public record Upload(FormVersionInfo info, boolean created) {
    }

    /** Validates an uploaded form file and stores it as a draft (or returns the known version). */
    public Upload upload(String actor, String studyId, String yaml) {
        return upload(actor, studyId, yaml, null);
    }

    /**
     * As {@link #upload(String, String, String)}, problems named in {@code fileName} (the uploaded file's name, e.g.
     * {@code interview.yaml}; {@code upload} when absent or not a plain file name).
     */
    public Upload upload(String actor, String studyId, String yaml, String fileName) {
        CompiledStudy study = studies.current(studyId);
        CompiledForm form = source.parseForm(yaml, sourceName(fileName), study.canonicalJson(), studyId);
        return database.write(handle -> {
            FormStore.Registered registered = forms.register(handle, studyId, form, FormStore.DRAFT, "upload");
            if (registered.created()) {
                audit.append(handle, actor, "form.uploaded", subject(studyId, registered.row()));
            }
            return new Upload(forms.info(registered.row()), registered.created());
        });
    }

    public FormVersionInfo publish(String actor, String studyId, String formId, int version) {
        return transition(actor, studyId, formId, version, FormStore.PUBLISHED, "form.published");
    }

    public FormVersionInfo retire(String actor, String studyId, String formId, int version) {
        return transition(actor, studyId, formId, version, FormStore.RETIRED, "form.retired");
    }

    private FormVersionInfo transition(String actor, String studyId, String formId, int version, String state,
                                       String event) {
        studies.current(studyId);
        return database.write(handle -> {
            FormVersionRow before = handle.attach(FormVersionDao.class).find(studyId, formId, version)
                    .orElseThrow(() -> ProblemException.notFound("Form version"));
            FormVersionRow row = forms.transition(handle, studyId, formId, version, state);
            if (!before.state().equals(row.state())) {
                audit.append(handle, actor, event, subject(studyId, row));
            }
            return forms.info(row);
        });
    }

    /** A plain file name (letters, digits, {@code . _ -}, at most 100) or {@code upload}. */
    static String sourceName(String fileName) {
        return fileName != null && fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}") ? fileName : "upload";
    }

    private static String subject(String studyId, FormVersionRow row) {
        return "study:" + studyId + " form:" + row.formId() + " version:" + row.version() + " sha256:" + row.sha256();
    }
}
