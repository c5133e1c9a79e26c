package org.fieldsafe.server.storage;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
 *
 * <p>SQLite starts the log from its beginning again only after a checkpoint has copied all of it. Under steady
 * uploads a {@code PASSIVE} checkpoint never quite catches up (the writer commits while it copies), so the log
 * grew without bound (2.4 GB after a minute of load, beside a 1 GB database) and every page lookup in it got
 * slower. So a checkpoint runs up to {@value #PASSIVE_PASSES} {@code PASSIVE} passes, each copying what was
 * committed during the one before; once a pass leaves at most {@link #RESTART_WHEN_LEFT} pages, the writer is
 * asked to copy that small rest itself between two of its transactions ({@link #restartLogIfDue}): with no
 * commit running meanwhile, the log is then all copied and the next commit writes it from its beginning. (A
 * {@code RESTART} checkpoint from this thread waited for a gap between the writer's transactions that hardly
 * ever came, and held readers up.) When uploads arrive faster than the passes can copy, the log still grows
 * until the load eases.
 */
public final class WalCheckpointer {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    /** At most this many log pages left uncopied by a PASSIVE pass, and the writer copies them (4 MiB of 4 KiB pages). */
    static final long RESTART_WHEN_LEFT = 1024;
    /** PASSIVE passes per checkpoint at most, each copying what the writer committed during the one before. */
    private static final int PASSIVE_PASSES = 8;

    private final Database database;
    private final long intervalMillis;
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicBoolean restartDue = new AtomicBoolean();
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

    /** Registers checkpoints and log restarts so far as gauges (SQLite only). */
    public void registerMetrics(MetricRegistry metrics) {
        if (applies()) {
            metrics.register(MetricRegistry.name(WalCheckpointer.class, "checkpoints"), (Gauge<Long>) this::checkpoints);
            metrics.register(MetricRegistry.name(WalCheckpointer.class, "restarts"), (Gauge<Long>) this::restarts);
        }
    }

    /** Log restarts so far: checkpoints after which the next commit wrote the log from its beginning. */
    public long restarts() {
        return restarts.get();
    }

    /** One checkpoint's answer: SQLite busy (could not finish), pages in the log, pages copied of them. */
    private record Pass(boolean busy, long logPages, long copiedPages) {
        long left() {
            return logPages - copiedPages;
        }
    }

    /** One checkpoint now (also what the schedule runs). */
    void checkpoint() {
        try {
            database.jdbi().useHandle(h -> {
                Pass pass = passive(h);
                for (int again = 0; again < PASSIVE_PASSES - 1 && pass.left() > RESTART_WHEN_LEFT; again++) {
                    pass = passive(h);
                }
                if (pass.logPages() > 0 && pass.left() <= RESTART_WHEN_LEFT) {
                    restartDue.set(true);
                }
            });
            checkpoints.incrementAndGet();
        } catch (RuntimeException e) {
            LOG.warn("Checkpointing the write-ahead log failed; retrying at the next interval", e);
        }
    }

    /**
     * Called by the writer between its transactions, on its own connection: when the last checkpoint left
     * little of the log uncopied, a {@code PASSIVE} checkpoint with no commit running copies the rest (the
     * writer waits for that, a few MiB at most), and the next commit writes the log from its beginning. Failures
     * are logged, never thrown: the next checkpoint tries again.
     */
    public void restartLogIfDue(Supplier<Handle> writer) {
        if (!restartDue.getAndSet(false)) {
            return;
        }
        try {
            Pass pass = passive(writer.get());
            if (!pass.busy() && pass.left() == 0) {
                restarts.incrementAndGet();
            }
        } catch (RuntimeException e) {
            LOG.warn("Restarting the write-ahead log failed; trying again after the next checkpoint", e);
        }
    }

    private static Pass passive(Handle h) {
        return h.createQuery("PRAGMA wal_checkpoint(PASSIVE)")
                .map((rs, ctx) -> new Pass(rs.getInt(1) != 0, rs.getLong(2), rs.getLong(3))).one();
    }
}
