package org.fieldsafe.server.storage;

import java.util.List;
import java.util.Map;

/**
 * A validated study definition as the server stores it.
 *
 * @param title     title texts by language
 * @param languages language code to its English name
 * @param sites     the study's sites with their referral directory version and hash
 */
public record CompiledStudy(String id, String sha256, String canonicalJson, Map<String, String> title,
                            Map<String, String> languages, List<SiteDirectory> sites) {

    /** A site and its referral directory's version and SHA-256. */
    public record SiteDirectory(String site, int version, String sha256) {
    }
}
