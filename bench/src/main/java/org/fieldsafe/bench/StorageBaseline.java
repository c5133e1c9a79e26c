package org.fieldsafe.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * The ceiling the server's storage can reach on this machine: raw JDBC inserts of the same rows (envelope
 * bytes plus header columns) with the server's durability, one transaction per row and then {@code batch} rows per
 * transaction. SQLite: a fresh file, WAL, synchronous=FULL, the envelope a BLOB in the row. PostgreSQL: fresh tables
 * in the given database (whose server runs with fsync and synchronous_commit on), the envelope as text in the row,
 * as the server stores it there.
 */
final class StorageBaseline {
    private static final String COLUMNS = """
              submission_id TEXT PRIMARY KEY,
              study         TEXT NOT NULL,
              site          TEXT NOT NULL,
              device_id     TEXT NOT NULL,
              enumerator    TEXT,
              form_id       TEXT NOT NULL,
              form_version  INTEGER NOT NULL,
              finalised_at  TEXT NOT NULL,
              envelope      %s NOT NULL,
              sha256        TEXT NOT NULL,
              received_at   TEXT NOT NULL
            )""";

    /** Rows stored per second in each mode. */
    record Result(String store, int rows, int batch, double perRowTransaction, double batched, long fileBytes) {
        String format() {
            return String.format(Locale.ROOT, "%s, %d rows of 8-16 KB: one transaction per row"
                    + " %.0f rows/s; %d rows per transaction %.0f rows/s", store, rows, perRowTransaction, batch, batched);
        }
    }

    private final EnvelopeFactory envelopes;
    private final Device device;

    StorageBaseline(EnvelopeFactory envelopes, Device device) {
        this.envelopes = envelopes;
        this.device = device;
    }

    /** SQLite: two fresh files in {@code dir}. */
    Result run(Path dir, int rows, int batch) throws Exception {
        List<EnvelopeFactory.Upload> uploads = uploads(rows);
        double single = insert(sqlite(dir.resolve("baseline-single.db")), "submissions", "BLOB", uploads, 1);
        double batched = insert(sqlite(dir.resolve("baseline-batched.db")), "submissions", "BLOB", uploads, batch);
        return new Result("SQLite WAL synchronous=FULL", rows, batch, single, batched,
                Files.size(dir.resolve("baseline-batched.db")));
    }

    /** PostgreSQL: fresh tables {@code baseline_single} and {@code baseline_batched} in the database at {@code url}. */
    Result run(String url, int rows, int batch) throws Exception {
        List<EnvelopeFactory.Upload> uploads = uploads(rows);
        double single = insert(DriverManager.getConnection(url), "baseline_single", "TEXT", uploads, 1);
        double batched = insert(DriverManager.getConnection(url), "baseline_batched", "TEXT", uploads, batch);
        long bytes;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('baseline_batched')")) {
            rs.next();
            bytes = rs.getLong(1);
        }
        return new Result("PostgreSQL synchronous_commit=on", rows, batch, single, batched, bytes);
    }

    private List<EnvelopeFactory.Upload> uploads(int rows) {
        Random random = new Random(42);
        List<EnvelopeFactory.Upload> uploads = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            uploads.add(envelopes.next(device, random));
        }
        return uploads;
    }

    private static Connection sqlite(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
        }
        return c;
    }

    /**
     * Inserts every upload into a new table {@code table} on {@code connection} (closed after), {@code perTransaction}
     * rows per commit; returns rows per second. The envelope column is of type {@code envelopeType} (BLOB, SQLite:
     * the bytes, one statement a row as before; TEXT, PostgreSQL: the UTF-8 text, the rows of a transaction sent as
     * one JDBC batch, since every statement is a network round trip there).
     */
    static double insert(Connection connection, String table, String envelopeType, List<EnvelopeFactory.Upload> uploads,
                         int perTransaction) throws SQLException {
        try (Connection c = connection) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute("CREATE TABLE " + table + " (\n" + COLUMNS.formatted(envelopeType));
            }
            boolean text = envelopeType.equals("TEXT");
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                int inTransaction = 0;
                for (EnvelopeFactory.Upload u : uploads) {
                    SubmissionHeader h = headerOf(u);
                    ps.setString(1, u.submissionId());
                    ps.setString(2, h.study());
                    ps.setString(3, h.site());
                    ps.setString(4, h.deviceId());
                    ps.setString(5, h.enumerator());
                    ps.setString(6, h.form().id());
                    ps.setInt(7, h.form().version());
                    ps.setString(8, h.finalisedAt());
                    if (text) {
                        ps.setString(9, new String(u.body(), StandardCharsets.UTF_8));
                    } else {
                        ps.setBytes(9, u.body());
                    }
                    ps.setString(10, Digests.sha256Hex(u.body()));
                    ps.setString(11, Instant.now().toString());
                    if (text) {
                        ps.addBatch();
                    } else {
                        ps.executeUpdate();
                    }
                    if (++inTransaction == perTransaction) {
                        if (text) {
                            ps.executeBatch();
                        }
                        c.commit();
                        inTransaction = 0;
                    }
                }
                if (text && inTransaction > 0) {
                    ps.executeBatch();
                }
                c.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                if (rs.getInt(1) != uploads.size()) {
                    throw new SQLException("stored " + rs.getInt(1) + " rows, expected " + uploads.size());
                }
            }
            return uploads.size() / seconds;
        }
    }

    /** The header is parsed per row, as the server must. */
    private static SubmissionHeader headerOf(EnvelopeFactory.Upload u) {
        try {
            return Http.JSON.treeToValue(Http.JSON.readTree(u.body()).path("header"), SubmissionHeader.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable envelope", e);
        }
    }
}
