package org.fieldsafe.server.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fieldsafe.core.wire.FormVersionInfo;
import org.fieldsafe.server.problems.ProblemException;
import org.jdbi.v3.core.Handle;

/**
 * Form versions. A form whose hash differs from every stored version of it becomes version n+1; old
 * versions stay. A version is {@code draft}, {@code published} or {@code retired}; devices get the latest
 * published version of each form.
 */
public final class FormStore {
    public static final String DRAFT = "draft";
    public static final String PUBLISHED = "published";
    public static final String RETIRED = "retired";

    private static final TypeReference<TreeMap<String, String>> LANGUAGES = new TypeReference<>() {
    };

    private final Database database;
    private final ObjectMapper json;
    private final Clock clock;

    public FormStore(Database database, ObjectMapper json, Clock clock) {
        this.database = database;
        this.json = json;
        this.clock = clock;
    }

    /** The outcome of {@link #register}: the version and whether it was created now. */
    public record Registered(FormVersionRow row, boolean created) {
    }

    /** Stores a form: the existing version when its hash is known, else a new version in {@code state}. */
    public Registered register(Handle handle, String studyId, CompiledForm form, String state, String source) {
        FormVersionDao dao = handle.attach(FormVersionDao.class);
        Optional<FormVersionRow> known = dao.findByHash(studyId, form.formId(), form.sha256());
        if (known.isPresent()) {
            return new Registered(known.get(), false);
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        int version = dao.maxVersion(studyId, form.formId()) + 1;
        FormVersionRow row = new FormVersionRow(studyId, form.formId(), version, form.sha256(),
                form.canonicalJson(), form.kind(), languagesJson(form.languages()), state, source, now, now);
        dao.insert(row);
        return new Registered(row, true);
    }

    /** Moves a version to {@code state}: publish (draft or published only) or retire (any). */
    public FormVersionRow transition(Handle handle, String studyId, String formId, int version, String state) {
        FormVersionDao dao = handle.attach(FormVersionDao.class);
        FormVersionRow row = dao.find(studyId, formId, version)
                .orElseThrow(() -> ProblemException.notFound("Form version"));
        if (PUBLISHED.equals(state) && RETIRED.equals(row.state())) {
            throw ProblemException.conflict("form-version-retired", "Form version retired",
                    "A retired form version cannot be published again; publish a newer version.");
        }
        if (row.state().equals(state)) {
            return row;
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        dao.setState(studyId, formId, version, state, now);
        return new FormVersionRow(row.studyId(), row.formId(), row.version(), row.sha256(), row.canonicalJson(),
                row.kind(), row.languagesJson(), state, row.source(), row.createdAt(), now);
    }

    public List<FormVersionRow> list(String studyId) {
        return database.read(h -> h.attach(FormVersionDao.class).list(studyId));
    }

    public List<FormVersionRow> latestPublished(String studyId) {
        return database.read(h -> h.attach(FormVersionDao.class).latestPublished(studyId));
    }

    public Optional<FormVersionRow> find(String studyId, String formId, int version) {
        return database.read(h -> find(h, studyId, formId, version));
    }

    /** A form version, read through the caller's handle (no pool checkout of its own). */
    public Optional<FormVersionRow> find(Handle handle, String studyId, String formId, int version) {
        return handle.attach(FormVersionDao.class).find(studyId, formId, version);
    }

    /** A form version without its canonical JSON ({@code canonicalJson} is empty). */
    public Optional<FormVersionRow> findWithoutDefinition(Handle handle, String studyId, String formId, int version) {
        return handle.attach(FormVersionDao.class).findWithoutDefinition(studyId, formId, version);
    }

    public FormVersionInfo info(FormVersionRow row) {
        return new FormVersionInfo(row.formId(), row.kind(), row.version(), row.sha256(), row.state(),
                languages(row), row.createdAt());
    }

    public Map<String, String> languages(FormVersionRow row) {
        try {
            return json.readValue(row.languagesJson(), LANGUAGES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable languages of form " + row.formId(), e);
        }
    }

    private String languagesJson(Map<String, String> languages) {
        try {
            return json.writeValueAsString(new TreeMap<>(languages));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write form languages", e);
        }
    }
}
