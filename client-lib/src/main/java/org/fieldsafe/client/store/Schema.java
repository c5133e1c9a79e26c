package org.fieldsafe.client.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;

/**
 * The device store's schema as numbered migrations; SQLite's {@code user_version} records how many ran.
 * Append a migration to change the schema; never edit one that has shipped.
 */
final class Schema {
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    """
                    CREATE TABLE device (
                      id           INTEGER PRIMARY KEY CHECK (id = 1),
                      server_url   TEXT NOT NULL,
                      device_id    TEXT NOT NULL,
                      device_token TEXT NOT NULL,
                      study        TEXT NOT NULL,
                      site         TEXT NOT NULL,
                      enumerator   TEXT,
                      device_name  TEXT,
                      enrolled_at  TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE manifest (
                      id         INTEGER PRIMARY KEY CHECK (id = 1),
                      etag       TEXT,
                      body       BLOB NOT NULL,
                      pulled_at  TEXT NOT NULL,
                      checked_at TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE study (
                      id             INTEGER PRIMARY KEY CHECK (id = 1),
                      study_id       TEXT NOT NULL,
                      sha256         TEXT NOT NULL,
                      canonical_json BLOB NOT NULL,
                      pulled_at      TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE forms (
                      form_id        TEXT NOT NULL,
                      version        INTEGER NOT NULL,
                      kind           TEXT NOT NULL,
                      sha256         TEXT NOT NULL,
                      languages_json TEXT NOT NULL,
                      canonical_json BLOB NOT NULL,
                      pulled_at      TEXT NOT NULL,
                      PRIMARY KEY (form_id, version)
                    )"""),
            List.of(
                    """
                    CREATE TABLE study_keys (
                      fingerprint TEXT PRIMARY KEY,
                      purpose     TEXT NOT NULL,
                      algorithm   TEXT,
                      public_key  TEXT NOT NULL,
                      pinned_at   TEXT NOT NULL
                    )"""),
            List.of(
                    // Sealed envelopes waiting for a receipt. Only ciphertext and the cleartext header live here.
                    """
                    CREATE TABLE outbox (
                      submission_id TEXT PRIMARY KEY,
                      envelope      BLOB NOT NULL,
                      sha256        TEXT NOT NULL,
                      sealed_at     TEXT NOT NULL,
                      attempts      INTEGER NOT NULL DEFAULT 0,
                      last_error    TEXT
                    )""",
                    // What the server acknowledged: the receipt, never the envelope.
                    """
                    CREATE TABLE sent (
                      submission_id TEXT PRIMARY KEY,
                      receipt_json  TEXT NOT NULL,
                      sent_at       TEXT NOT NULL
                    )""",
                    // Paused interviews, encrypted under a key derived from the enumerator's passphrase.
                    """
                    CREATE TABLE drafts (
                      draft_id    TEXT PRIMARY KEY,
                      form_id     TEXT NOT NULL,
                      site        TEXT NOT NULL,
                      ciphertext  BLOB NOT NULL,
                      created_at  TEXT NOT NULL,
                      updated_at  TEXT NOT NULL
                    )""",
                    "ALTER TABLE device ADD COLUMN respondent_code_key TEXT"),
            List.of(
                    // Sealed attachments (recordings) of a submission, uploaded in chunks after its envelope's
                    // receipt. sealed is set to NULL once the attachment's receipt verified.
                    """
                    CREATE TABLE attachments (
                      submission_id TEXT NOT NULL,
                      name          TEXT NOT NULL,
                      sealed        BLOB,
                      sha256        TEXT NOT NULL,
                      sealed_bytes  INTEGER NOT NULL,
                      offset_sent   INTEGER NOT NULL DEFAULT 0,
                      receipt_json  TEXT,
                      sent_at       TEXT,
                      last_error    TEXT,
                      PRIMARY KEY (submission_id, name)
                    )"""),
            List.of(
                    // What status lists about a draft without its passphrase (never anything of the respondent):
                    // its language and progress, questions answered of at most total.
                    "ALTER TABLE drafts ADD COLUMN language TEXT",
                    "ALTER TABLE drafts ADD COLUMN answered INTEGER",
                    "ALTER TABLE drafts ADD COLUMN total INTEGER"));

    private Schema() {
    }

    /** The schema version this client writes. */
    static int latest() {
        return MIGRATIONS.size();
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Runs the migrations this store has not seen yet, each in its own transaction. */
    static void migrate(Connection c, Path db) throws SQLException, ClientException {
        int current = version(c);
        if (current > latest()) {
            throw new ClientException(Reason.STORE, "the device store " + db + " was written by a newer Fieldsafe"
                    + " client (schema " + current + ", this client knows " + latest() + "); update this client");
        }
        for (int v = current; v < latest(); v++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.executeUpdate(sql);
                }
                s.executeUpdate("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
