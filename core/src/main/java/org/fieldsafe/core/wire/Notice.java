package org.fieldsafe.core.wire;

import java.time.Instant;

/**
 * {@code GET /api/v1/studies/{study}/notices}: something the coordinators should know and act on, e.g.
 * {@code withdrawn-upload} - an interview arrived for a respondent recorded as withdrawn before it synced; it was
 * refused (410) and the device deleted it. Ids, site and time only, never a respondent code; {@code text} says it
 * in words.
 */
public record Notice(String id, String study, String kind, String site, String submissionId, Instant createdAt,
                     String text) {
}
