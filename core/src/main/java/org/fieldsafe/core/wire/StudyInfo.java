package org.fieldsafe.core.wire;

import java.util.List;
import java.util.Map;

/** A study as {@code GET /api/v1/studies} lists it: title texts by language, site ids, languages by code. */
public record StudyInfo(String id, Map<String, String> title, List<String> sites, Map<String, String> languages) {
}
