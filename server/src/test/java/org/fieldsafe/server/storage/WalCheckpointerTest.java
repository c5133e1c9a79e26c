package org.fieldsafe.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

class WalCheckpointerTest {
    @Test
    void commitsWithoutAutomaticCheckpoints_reachTheDatabaseFileOnlyThroughTheCheckpointer() throws Exception {
        Database db = TestDatabases.open(TestDatabases.Backend.SQLITE);
        String name;
        try (Handle h = db.jdbi().open()) {
            name = h.createQuery("PRAGMA database_list").map((rs, ctx) -> rs.getString("file")).one();
        }
        Path file = Path.of(name);
        WalCheckpointer checkpointer = new WalCheckpointer(db, 50);
        assertThat(checkpointer.applies()).isTrue();
        long before;
        try (Handle writer = db.jdbi().open()) {
            checkpointer.disableAutomaticCheckpoints(writer);
            before = Files.size(file);
            writer.execute("CREATE TABLE scratch (data TEXT NOT NULL)");
            for (int i = 0; i < 50; i++) {
                writer.execute("INSERT INTO scratch (data) VALUES (?)", "x".repeat(10_000));
            }
            assertThat(Files.size(file)).as("committed, but only in the log").isEqualTo(before);

            checkpointer.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (checkpointer.checkpoints() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            checkpointer.stop();
        }

        assertThat(checkpointer.checkpoints()).isPositive();
        assertThat(Files.size(file)).as("copied into the database file").isGreaterThan(before + 50 * 10_000);
        try (Handle h = db.jdbi().open()) {
            int rows = h.createQuery("SELECT COUNT(*) FROM scratch").mapTo(Integer.class).one();
            assertThat(rows).isEqualTo(50);
        }
    }
}
