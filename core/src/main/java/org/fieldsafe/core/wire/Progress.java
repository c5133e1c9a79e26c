package org.fieldsafe.core.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /api/v1/studies/{study}/progress}: interviews received per site x respondent category against the
 * study's sample targets, from header data only. A target shared by several sites (Nepal's two) is reported
 * on each of its sites' rows as {@code target} with {@code targetGroup} naming the sites that share it.
 * A respondent code (by its keyed hash) seen in more than one submission is counted once: a submission all of whose
 * respondents came in an earlier one is not in {@code received}. {@code duplicates} counts such codes (per row: the
 * codes of that row also seen in another submission; in all: distinct codes), never naming them.
 * {@code imported} marks submissions imported from an earlier wave's export ({@link SubmissionImport}): they are
 * counted in {@code received} like the others, and {@code imported} says how many of the stored ones (withdrawn
 * ones left out) came so, not sealed on a device.
 */
public record Progress(String study, List<Row> rows, int received, int target, int duplicates, int imported) {
    @JsonCreator
    public Progress(@JsonProperty("study") String study, @JsonProperty("rows") List<Row> rows,
                    @JsonProperty("received") int received, @JsonProperty("target") int target,
                    @JsonProperty("duplicates") int duplicates, @JsonProperty("imported") int imported) {
        this.study = study;
        this.rows = rows;
        this.received = received;
        this.target = target;
        this.duplicates = duplicates;
        this.imported = imported;
    }

    /** Without imported submissions. */
    public Progress(String study, List<Row> rows, int received, int target, int duplicates) {
        this(study, rows, received, target, duplicates, 0);
    }

    /** Without duplicate codes. */
    public Progress(String study, List<Row> rows, int received, int target) {
        this(study, rows, received, target, 0);
    }

    public record Row(String site, String category, int received, int target, List<String> targetGroup,
                      int duplicates, int imported) {
        @JsonCreator
        public Row(@JsonProperty("site") String site, @JsonProperty("category") String category,
                   @JsonProperty("received") int received, @JsonProperty("target") int target,
                   @JsonProperty("targetGroup") List<String> targetGroup,
                   @JsonProperty("duplicates") int duplicates, @JsonProperty("imported") int imported) {
            this.site = site;
            this.category = category;
            this.received = received;
            this.target = target;
            this.targetGroup = targetGroup;
            this.duplicates = duplicates;
            this.imported = imported;
        }

        /** Without imported submissions. */
        public Row(String site, String category, int received, int target, List<String> targetGroup,
                   int duplicates) {
            this(site, category, received, target, targetGroup, duplicates, 0);
        }

        /** Without duplicate codes. */
        public Row(String site, String category, int received, int target, List<String> targetGroup) {
            this(site, category, received, target, targetGroup, 0);
        }
    }
}
