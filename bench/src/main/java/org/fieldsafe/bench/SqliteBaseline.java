package org.fieldsafe.bench;

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
 * bytes plus header columns) into a fresh SQLite file with the server's durability (WAL, synchronous=FULL),
 * one transaction per row and then {@code batch} rows per transaction.
 */
final class SqliteBaseline {
    private static final String TABLE = """
            CREATE TABLE submissions (
              submission_id TEXT PRIMARY KEY,
              study         TEXT NOT NULL,
              site          TEXT NOT NULL,
              device_id     TEXT NOT NULL,
              enumerator    TEXT,
              form_id       TEXT NOT NULL,
              form_version  INTEGER NOT NULL,
              finalised_at  TEXT NOT NULL,
              envelope      BLOB NOT NULL,
              sha256        TEXT NOT NULL,
              received_at   TEXT NOT NULL
            )""";

    /** Rows stored per second in each mode. */
    record Result(int rows, int batch, double perRowTransaction, double batched, long fileBytes) {
        String format() {
            return String.format(Locale.ROOT, "SQLite WAL synchronous=FULL, %d rows of 8-16 KB: one transaction per row"
                    + " %.0f rows/s; %d rows per transaction %.0f rows/s", rows, perRowTransaction, batch, batched);
        }
    }

    private final EnvelopeFactory envelopes;
    private final Device device;

    SqliteBaseline(EnvelopeFactory envelopes, Device device) {
        this.envelopes = envelopes;
        this.device = device;
    }

    Result run(Path dir, int rows, int batch) throws Exception {
        Random random = new Random(42);
        List<EnvelopeFactory.Upload> uploads = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            uploads.add(envelopes.next(device, random));
        }
        double single = insert(dir.resolve("baseline-single.db"), uploads, 1);
        double batched = insert(dir.resolve("baseline-batched.db"), uploads, batch);
        return new Result(rows, batch, single, batched, Files.size(dir.resolve("baseline-batched.db")));
    }

    /** Inserts every upload, {@code perTransaction} rows per commit; returns rows per second. */
    static double insert(Path file, List<EnvelopeFactory.Upload> uploads, int perTransaction) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute(TABLE);
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO submissions VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
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
                    ps.setBytes(9, u.body());
                    ps.setString(10, Digests.sha256Hex(u.body()));
                    ps.setString(11, Instant.now().toString());
                    ps.executeUpdate();
                    if (++inTransaction == perTransaction) {
                        c.commit();
                        inTransaction = 0;
                    }
                }
                c.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM submissions")) {
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
