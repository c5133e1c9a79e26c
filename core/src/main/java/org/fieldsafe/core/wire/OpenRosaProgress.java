package org.fieldsafe.core.wire;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/studies/{study}/openrosa/progress}: the study's ODK Collect (OpenRosa) submissions, which the
 * progress table cannot place (their site is the uploading device's; their category and respondent are inside the
 * encryption): how many per site, how many still wait for files, and what each lacks against a Fieldsafe envelope.
 */
public record OpenRosaProgress(String study, int received, int incomplete, Map<String, Integer> bySite,
                               List<String> lacks) {
}
