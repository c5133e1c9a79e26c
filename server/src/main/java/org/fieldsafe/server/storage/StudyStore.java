package org.fieldsafe.server.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldsafe.server.problems.ProblemException;
import org.jdbi.v3.core.Handle;

/** Studies: a changed study definition becomes a new study version; the latest one is current. */
public final class StudyStore {
    private final Database database;
    private final ObjectMapper json;
    private final Clock clock;

    public StudyStore(Database database, ObjectMapper json, Clock clock) {
        this.database = database;
        this.json = json;
        this.clock = clock;
    }

    /** Stores the study definition unless its hash is the current one; true when a version was added. */
    public boolean put(Handle handle, CompiledStudy study) {
        StudyDao dao = handle.attach(StudyDao.class);
        Instant now = Instant.ofEpochMilli(clock.millis());
        if (dao.countStudy(study.id()) == 0) {
            dao.insertStudy(study.id(), now);
        }
        Optional<StudyVersionRow> latest = dao.latest(study.id());
        if (latest.isPresent() && latest.get().sha256().equals(study.sha256())) {
            return false;
        }
        int version = latest.map(StudyVersionRow::version).orElse(0) + 1;
        dao.insertVersion(new StudyVersionRow(study.id(), version, study.sha256(), study.canonicalJson(),
                summaryJson(study), now));
        return true;
    }

    /** The current definition of a study, or a 404 problem. */
    public CompiledStudy current(String studyId) {
        return find(studyId).orElseThrow(() -> ProblemException.notFound("Study"));
    }

    public Optional<CompiledStudy> find(String studyId) {
        return database.read(h -> find(h, studyId));
    }

    /** The current definition of a study, read through the caller's handle (no pool checkout of its own). */
    public Optional<CompiledStudy> find(Handle handle, String studyId) {
        return handle.attach(StudyDao.class).latest(studyId).map(this::toStudy);
    }

    /**
     * The current version of a study without its canonical JSON ({@code canonicalJson} is empty): id, hash,
     * title, languages and sites. For per-request checks that key parsed definitions by the hash.
     */
    public Optional<CompiledStudy> findWithoutDefinition(Handle handle, String studyId) {
        return handle.attach(StudyDao.class).latestWithoutDefinition(studyId).map(this::toStudy);
    }

    public List<CompiledStudy> list() {
        return database.read(h -> h.attach(StudyDao.class).listLatest()).stream().map(this::toStudy).toList();
    }

    private String summaryJson(CompiledStudy study) {
        try {
            return json.writeValueAsString(new CompiledStudy(study.id(), study.sha256(), "", study.title(),
                    study.languages(), study.sites()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a study summary", e);
        }
    }

    private CompiledStudy toStudy(StudyVersionRow row) {
        try {
            CompiledStudy summary = json.readValue(row.summaryJson(), CompiledStudy.class);
            return new CompiledStudy(row.studyId(), row.sha256(), row.canonicalJson(), summary.title(),
                    summary.languages(), summary.sites());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable study summary for " + row.studyId(), e);
        }
    }
}
