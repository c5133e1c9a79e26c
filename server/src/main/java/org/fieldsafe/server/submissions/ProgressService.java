package org.fieldsafe.server.submissions;

import java.util.List;
import org.fieldsafe.core.wire.Progress;
import org.fieldsafe.core.wire.ProgressTimeline;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.StudyStore;

/**
 * Study progress from header data only: interviews received per site x category against the targets, a respondent
 * code seen in several submissions counted once and reported as a duplicate.
 */
public final class ProgressService {
    private final StudyStore studies;
    private final SubmissionStore submissions;
    private final DefinitionCache definitions = new DefinitionCache();

    public ProgressService(StudyStore studies, SubmissionStore submissions) {
        this.studies = studies;
        this.submissions = submissions;
    }

    /** The progress of a study; 404 for an unknown study. */
    public Progress progress(String studyId) {
        CompiledStudy study = studies.current(studyId);
        DuplicateCodes duplicates = new DuplicateCodes();
        submissions.respondents(study.id(), duplicates::add);
        return ProgressTable.compute(definitions.study(study), submissions.counts(study.id()), duplicates,
                submissions.importedCounts(study.id()));
    }

    /**
     * Interviews received per site per day or week ({@code bucket}: {@code day} or {@code week}; 400 otherwise),
     * withdrawn ones left out; 404 for an unknown study.
     */
    public ProgressTimeline timeline(String studyId, String bucket) {
        CompiledStudy study = studies.current(studyId);
        Timeline timeline = Timeline.of(bucket);
        submissions.receivedTimes(study.id(), timeline::add);
        List<String> sites = study.sites().stream().map(CompiledStudy.SiteDirectory::site).toList();
        return timeline.result(study.id(), sites);
    }
}
