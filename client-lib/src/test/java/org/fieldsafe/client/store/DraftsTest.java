package org.fieldsafe.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import org.fieldsafe.client.interview.DraftSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DraftsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path home;

    @Test
    void save_replaceThenDelete_keepsCreationTimeAndRemoves() throws Exception {
        try (DeviceStore store = DeviceStore.open(home)) {
            store.drafts().save("d1", "interview", "KH-SVR", new byte[] {1, 2}, T0);
            store.drafts().save("d1", "interview", "KH-SVR", new byte[] {3}, T0.plusSeconds(60));
            store.drafts().save("d0", "interview", "KH-SVR", new byte[] {4}, T0.plusSeconds(90));
        }
        try (DeviceStore store = DeviceStore.open(home)) {
            Drafts.Draft d1 = store.drafts().get("d1").orElseThrow();
            assertThat(d1.ciphertext()).containsExactly(3);
            assertThat(d1.createdAt()).isEqualTo(T0);
            assertThat(d1.updatedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(store.drafts().list()).extracting(Drafts.Draft::draftId).containsExactly("d1", "d0");
            assertThat(store.drafts().delete("d1")).isTrue();
            assertThat(store.drafts().delete("d1")).isFalse();
            assertThat(store.drafts().get("d1")).isEmpty();
        }
    }

    @Test
    void save_draftWithSummary_oneCommitInTheLog() throws Exception {
        try (DeviceStore store = DeviceStore.open(home)) {
            store.drafts().save(new DraftSummary("d1", "interview", "KH-SVR", "km", 3, 40, T0), new byte[] {1, 2});
            int before = commits(home.resolve(DeviceStore.DATABASE_FILE + "-wal"));
            store.drafts().save(new DraftSummary("d1", "interview", "KH-SVR", "km", 4, 40, T0.plusSeconds(5)),
                    new byte[] {3});

            // one transaction per autosave: one sync of the log (synchronous=FULL), not one per statement
            assertThat(commits(home.resolve(DeviceStore.DATABASE_FILE + "-wal")) - before).isEqualTo(1);
            assertThat(store.drafts().summaries()).containsExactly(
                    new DraftSummary("d1", "interview", "KH-SVR", "km", 4, 40, T0.plusSeconds(5)));
            assertThat(store.drafts().get("d1").orElseThrow().ciphertext()).containsExactly(3);
        }
    }

    /** The commit frames in a SQLite write-ahead log: frames whose header gives the database size after commit. */
    private static int commits(Path wal) throws Exception {
        java.nio.ByteBuffer log = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(wal));
        int pageSize = log.getInt(8);
        int count = 0;
        for (int frame = 32; frame + 24 + pageSize <= log.limit(); frame += 24 + pageSize) {
            if (log.getInt(frame + 4) != 0) {
                count++;
            }
        }
        return count;
    }

    @Test
    void respondentCodeKey_base64OrHex_isDecoded() throws Exception {
        byte[] key = new byte[32];
        key[0] = 7;
        try (DeviceStore store = DeviceStore.open(home)) {
            assertThat(store.respondentCodeKey()).isEmpty();
            store.saveEnrolment(new DeviceRecord(URI.create("http://localhost"), "dev-1", "tok", "beyond-awareness",
                    "KH-SVR", "enum-kh1", "laptop", T0), false);
            assertThat(store.respondentCodeKey()).isEmpty();
        }
        setKey(java.util.Base64.getEncoder().encodeToString(key));
        try (DeviceStore store = DeviceStore.open(home)) {
            assertThat(store.respondentCodeKey()).hasValue(key);
        }
        setKey(HexFormat.of().formatHex(key));
        try (DeviceStore store = DeviceStore.open(home)) {
            assertThat(store.respondentCodeKey()).hasValue(key);
        }
    }

    private void setKey(String value) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(DeviceStore.DATABASE_FILE));
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE device SET respondent_code_key = '" + value + "'");
        }
    }
}
