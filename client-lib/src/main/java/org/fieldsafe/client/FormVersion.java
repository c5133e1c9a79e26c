package org.fieldsafe.client;

/** A form version by id, number and hash. */
public record FormVersion(String formId, int version, String sha256) {
    @Override
    public String toString() {
        return formId + " v" + version;
    }
}
