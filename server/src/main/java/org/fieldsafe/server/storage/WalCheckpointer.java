package org.fieldsafe.server.storage;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints SQLite's write-ahead log on a thread of its own, for a writer that switched SQLite's automatic
 * checkpoint off ({@link #disableAutomaticCheckpoints}). Left on, every commit that takes the log past 1000
 * pages copies the log into the database file inside that commit, on the writer's one thread, while every
 * upload of the batch waits. A {@code PASSIVE} checkpoint here copies what is committed without blocking the
 * writer or readers. Durability does not depend on it: a commit is durable once the log is synced
 * ({@code synchronous=FULL}); checkpoints only bound the log's size. Runs every {@code interval}, and once more
 * when stopped. Does nothing on PostgreSQL.
 */
public final class WalCheckpointer {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Database database;
    private final long intervalMillis;
    private final AtomicLong checkpoints = new AtomicLong();
    private ScheduledExecutorService scheduler;

    public WalCheckpointer(Database database, long intervalMillis) {
        this.database = database;
        this.intervalMillis = intervalMillis;
    }

    /** True when checkpoints are this class's job for the dialect (SQLite). */
    public boolean applies() {
        return database.dialect() == Database.Dialect.SQLITE;
    }

    /** Turns SQLite's automatic checkpoint off on this connection (SQLite only; no-op otherwise). */
    public void disableAutomaticCheckpoints(Handle handle) {
        if (applies()) {
            handle.execute("PRAGMA wal_autocheckpoint=0");
        }
    }

    public synchronized void start() {
        if (!applies() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wal-checkpointer");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::checkpoint, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() throws InterruptedException {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
        scheduler = null;
        checkpoint();
    }

    /** Checkpoints run so far (successful ones). */
    public long checkpoints() {
        return checkpoints.get();
    }

    private void checkpoint() {
        try {
            database.jdbi().useHandle(h -> h.execute("PRAGMA wal_checkpoint(PASSIVE)"));
            checkpoints.incrementAndGet();
        } catch (RuntimeException e) {
            LOG.warn("Checkpointing the write-ahead log failed; retrying at the next interval", e);
        }
    }
}
