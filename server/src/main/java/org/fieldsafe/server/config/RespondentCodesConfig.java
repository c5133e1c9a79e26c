package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Respondent codes (docs/sealing.md).
 *
 * @param keyFile the file holding the key-encryption key under which the database keeps each study's respondent-code
 *                key wrapped (created at first start when missing); empty: {@code code-key.key} beside the SQLite
 *                database. PostgreSQL (or an in-memory database) needs it set: the server refuses to start without
 *                it. Best kept on another volume or a secret mount, and backed up apart from the database: without
 *                it no device can enrol and no withdrawal can find a respondent's submissions.
 */
public record RespondentCodesConfig(@JsonProperty String keyFile) {
    public static RespondentCodesConfig defaults() {
        return new RespondentCodesConfig(null);
    }
}
