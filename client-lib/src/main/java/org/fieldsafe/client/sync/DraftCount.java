package org.fieldsafe.client.sync;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.sqlite.SQLiteConfig;

/** Counts the paused drafts in a device store, on a read-only connection of its own. */
final class DraftCount {
    private DraftCount() {
    }

    static int of(Path database) throws ClientException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM drafts")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new ClientException(Reason.STORE, "cannot read the drafts in " + database + ": " + e.getMessage(),
                    e);
        }
    }
}
