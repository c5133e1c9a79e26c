package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The audit log.
 *
 * @param keyFile the file holding the key that seals the log's head (created at first start when missing); empty:
 *                {@code audit.key} beside the SQLite database, or no key for PostgreSQL (the log is then a hash
 *                chain only, and {@code admin audit verify} says so). Best kept on another volume or a secret
 *                mount, where whoever can write to the database cannot reach it.
 */
public record AuditConfig(@JsonProperty String keyFile) {
    public static AuditConfig defaults() {
        return new AuditConfig(null);
    }
}
