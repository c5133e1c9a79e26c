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
        Path file = databaseFile(db);
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
        assertThat(rows(db)).isEqualTo(50);
    }

    @Test
    void checkpointThatCopiesEverything_nextCommitsReuseTheLogFromItsBeginning() throws Exception {
        Database db = TestDatabases.open(TestDatabases.Backend.SQLITE);
        Path wal = Path.of(databaseFile(db) + "-wal");
        WalCheckpointer checkpointer = new WalCheckpointer(db, 3_600_000);
        try (Handle writer = scratchWriter(db, checkpointer)) {
            insert(writer, 200);
            long logAfterFirst = Files.size(wal);
            assertThat(logAfterFirst).isGreaterThan(200 * 10_000);

            checkpointer.checkpoint();
            assertThat(checkpointer.restarts()).as("only the writer restarts the log").isZero();
            checkpointer.restartLogIfDue(() -> writer);
            assertThat(checkpointer.restarts()).as("all copied: the log restarts").isEqualTo(1);
            checkpointer.restartLogIfDue(() -> writer);
            assertThat(checkpointer.restarts()).as("once per checkpoint").isEqualTo(1);
            insert(writer, 200);
            assertThat(Files.size(wal)).as("written again from its beginning, not appended")
                    .isLessThanOrEqualTo(logAfterFirst);

            insert(writer, 200);
            assertThat(Files.size(wal)).as("without a checkpoint it grows").isGreaterThan(logAfterFirst);
        }
        assertThat(rows(db)).isEqualTo(600);
    }

    @Test
    void steadyCommits_logRestartsInsteadOfGrowingWithoutBound() throws Exception {
        Database db = TestDatabases.open(TestDatabases.Backend.SQLITE);
        Path wal = Path.of(databaseFile(db) + "-wal");
        WalCheckpointer checkpointer = new WalCheckpointer(db, 20);
        long written = 0;
        long largestLog = 0;
        try (Handle writer = scratchWriter(db, checkpointer)) {
            checkpointer.start();
            // Commits without a pause, as under load (a PASSIVE checkpoint alone never finds the log all copied),
            // and between them what the submission writer does.
            for (int commit = 0; commit < 500; commit++) {
                insert(writer, 10);
                written += 100_000;
                checkpointer.restartLogIfDue(() -> writer);
                largestLog = Math.max(largestLog, Files.size(wal));
            }
            checkpointer.stop();
        }
        assertThat(checkpointer.restarts()).isGreaterThanOrEqualTo(2);
        assertThat(largestLog).as("the log's largest size against %d bytes committed", written)
                .isLessThan(written / 4);
        assertThat(rows(db)).isEqualTo(5_000);
    }

    private static Path databaseFile(Database db) {
        try (Handle h = db.jdbi().open()) {
            return Path.of(h.createQuery("PRAGMA database_list").map((rs, ctx) -> rs.getString("file")).one());
        }
    }

    /** The writer's connection (no automatic checkpoints) with an empty table to fill. */
    private static Handle scratchWriter(Database db, WalCheckpointer checkpointer) {
        Handle writer = db.jdbi().open();
        checkpointer.disableAutomaticCheckpoints(writer);
        writer.execute("CREATE TABLE scratch (data TEXT NOT NULL)");
        return writer;
    }

    private static int rows(Database db) {
        try (Handle h = db.jdbi().open()) {
            return h.createQuery("SELECT COUNT(*) FROM scratch").mapTo(Integer.class).one();
        }
    }

    private static void insert(Handle writer, int rows) {
        for (int i = 0; i < rows; i += 10) {
            writer.useTransaction(t -> {
                for (int row = 0; row < 10; row++) {
                    t.execute("INSERT INTO scratch (data) VALUES (?)", "y".repeat(10_000));
                }
            });
        }
    }
}
