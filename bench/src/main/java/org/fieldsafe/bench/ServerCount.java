package org.fieldsafe.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Counts stored submissions in the server's database (SQLite file read-only, or PostgreSQL), to compare with the receipts seen. */
final class ServerCount {
    private ServerCount() {
    }

    static long count(Path database, String sql) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The same through a JDBC URL (the server's PostgreSQL database). */
    static long count(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
