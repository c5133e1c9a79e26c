package org.fieldsafe.core.wire;

import java.util.List;

/**
 * {@code GET /api/v1/studies/{study}/progress}: interviews received per site x respondent category against the
 * study's sample targets, from header data only. A target shared by several sites (Nepal's two) is reported
 * on each of its sites' rows as {@code target} with {@code targetGroup} naming the sites that share it.
 */
public record Progress(String study, List<Row> rows, int received, int target) {

    public record Row(String site, String category, int received, int target, List<String> targetGroup) {
    }
}
