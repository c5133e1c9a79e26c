package org.fieldsafe.client.sync;

/** Short forms of ids and hashes for messages and listings. */
public final class ShortForm {
    private ShortForm() {
    }

    /** The first 12 characters of a hash. */
    public static String hash(String hex) {
        return hex == null ? "-" : hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /** The first 8 characters of a submission id (a UUID's first group). */
    public static String id(String submissionId) {
        return submissionId == null ? "-" : submissionId.length() > 8 ? submissionId.substring(0, 8) : submissionId;
    }
}
