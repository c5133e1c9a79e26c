package org.fieldsafe.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** ReadCache: a value is reused until the next Database.write, and never after it. */
class ReadCacheTest {
    private final Database db = TestDatabases.open(TestDatabases.Backend.SQLITE);

    @Test
    void get_reusedUntilAWrite_thenLoadedAgain() {
        ReadCache<String, Integer> cache = new ReadCache<>(db, 10);
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.get("k", loads::incrementAndGet)).isEqualTo(1);
        assertThat(cache.get("k", loads::incrementAndGet)).isEqualTo(1);
        assertThat(cache.getIfCurrent("k")).isEqualTo(1);

        db.write(h -> h.execute("SELECT 1"));

        assertThat(cache.getIfCurrent("k")).isNull();
        assertThat(cache.get("k", loads::incrementAndGet)).isEqualTo(2);
        assertThat(loads).hasValue(2);
    }

    @Test
    void writeUncachedAndHandleWrites_leaveTheCacheCurrent() {
        ReadCache<String, Integer> cache = new ReadCache<>(db, 10);
        cache.get("k", () -> 7);
        long before = db.generation();
        db.writeUncached(h -> h.execute("SELECT 1"));
        try (var handle = db.jdbi().open()) {
            db.write(handle, h -> h.execute("SELECT 1"));
        }
        assertThat(db.generation()).isEqualTo(before);
        assertThat(cache.getIfCurrent("k")).isEqualTo(7);
    }

    @Test
    void put_withAGenerationTakenBeforeAWrite_isNotUsedAfterIt() {
        ReadCache<String, Integer> cache = new ReadCache<>(db, 10);
        long generation = db.generation();
        db.write(h -> h.execute("SELECT 1"));
        cache.put("k", generation, 1);
        assertThat(cache.getIfCurrent("k")).isNull();
    }

    @Test
    void full_startsAgainEmpty() {
        ReadCache<Integer, Integer> cache = new ReadCache<>(db, 2);
        cache.get(1, () -> 1);
        cache.get(2, () -> 2);
        cache.get(3, () -> 3);
        assertThat(cache.getIfCurrent(1)).isNull();
        assertThat(cache.getIfCurrent(3)).isEqualTo(3);
    }
}
