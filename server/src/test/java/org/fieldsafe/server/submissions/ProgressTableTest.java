package org.fieldsafe.server.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.core.forms.FormValidationException;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.wire.Progress;
import org.junit.jupiter.api.Test;

/** Progress on the reference study: Table 3 of the study's report, Nepal's shared target counted once. */
class ProgressTableTest {
    static final Study REFERENCE = reference();

    /** Interviews collected per site (RH/DB/CS), docs STUDY.md section 1. */
    static List<SubmissionDao.Count> table3() {
        List<SubmissionDao.Count> counts = new ArrayList<>();
        add(counts, "BD-DHK", 8, 4, 4);
        add(counts, "KH-SVR", 8, 4, 4);
        add(counts, "IN-BHD", 7, 4, 3);
        add(counts, "NP-KAN", 3, 2, 3);
        add(counts, "NP-RAP", 4, 2, 2);
        add(counts, "TH-CNX", 8, 4, 4);
        add(counts, "TH-SAN", 8, 4, 4);
        return counts;
    }

    @Test
    void compute_referenceStudyTable3_rowsPerSiteAndCategoryWithSharedNepalTarget() {
        Progress progress = ProgressTable.compute(REFERENCE, table3());
        assertThat(progress.study()).isEqualTo("beyond-awareness");
        assertThat(progress.rows()).hasSize(7 * 3);
        assertThat(progress.received()).isEqualTo(94);
        assertThat(progress.target()).as("six targets of 16, Nepal's counted once").isEqualTo(96);
        assertThat(progress.rows()).contains(
                new Progress.Row("IN-BHD", "RH", 7, 8, List.of()),
                new Progress.Row("NP-KAN", "RH", 3, 8, List.of("NP-KAN", "NP-RAP")),
                new Progress.Row("NP-RAP", "CS", 2, 4, List.of("NP-KAN", "NP-RAP")));
    }

    @Test
    void compute_nothingReceived_zeroRowsForEverySiteAndCategory() {
        Progress progress = ProgressTable.compute(REFERENCE, List.of());
        assertThat(progress.rows()).hasSize(21).allSatisfy(row -> assertThat(row.received()).isZero());
        assertThat(progress.received()).isZero();
    }

    @Test
    void compute_siteOrCategoryOutsideTheStudy_ownRowWithoutTarget() {
        Progress progress = ProgressTable.compute(REFERENCE, List.of(new SubmissionDao.Count("XX-OLD", "RH", 2)));
        assertThat(progress.rows()).last().isEqualTo(new Progress.Row("XX-OLD", "RH", 2, 0, List.of()));
        assertThat(progress.received()).isEqualTo(2);
    }

    @Test
    void compute_repeatedRespondent_countedOnceWhicheverCameFirst() {
        // a joint interview (a, b) and a lone one (a), in either order, are two interviews; a third with a alone is
        // a repeat; c at another site is also in a submission at BD-DHK
        for (boolean jointFirst : List.of(true, false)) {
            DuplicateCodes codes = new DuplicateCodes();
            List<DuplicateCodes.Respondent> joint = List.of(respondent("j", "KH-SVR", "a"),
                    respondent("j", "KH-SVR", "b"));
            List<DuplicateCodes.Respondent> alone = List.of(respondent("l", "KH-SVR", "a"));
            (jointFirst ? joint : alone).forEach(codes::add);
            (jointFirst ? alone : joint).forEach(codes::add);
            codes.add(respondent("r", "KH-SVR", "a"));
            codes.add(respondent("x", "KH-SVR", "c"));
            codes.add(respondent("y", "BD-DHK", "c"));
            Progress progress = ProgressTable.compute(REFERENCE, List.of(new SubmissionDao.Count("KH-SVR", "RH", 4),
                    new SubmissionDao.Count("BD-DHK", "RH", 1)), codes);
            assertThat(progress.rows()).contains(new Progress.Row("KH-SVR", "RH", 3, 8, List.of(), 2),
                    new Progress.Row("BD-DHK", "RH", 0, 8, List.of(), 1));
            assertThat(progress.received()).isEqualTo(3);
            assertThat(progress.duplicates()).isEqualTo(2);
        }
    }

    private static DuplicateCodes.Respondent respondent(String submission, String site, String code) {
        return new DuplicateCodes.Respondent(submission, site, "RH", code);
    }

    private static Study reference() {
        try {
            return StudyLoader.loadAll(Path.of("..", "forms")).stream()
                    .filter(b -> b.study().id().equals("beyond-awareness")).findFirst().orElseThrow().study();
        } catch (FormValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(List<SubmissionDao.Count> counts, String site, int rh, int db, int cs) {
        counts.add(new SubmissionDao.Count(site, "RH", rh));
        counts.add(new SubmissionDao.Count(site, "DB", db));
        counts.add(new SubmissionDao.Count(site, "CS", cs));
    }
}
