package org.fieldsafe.server.storage;

import java.sql.Types;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The database: Jdbi plus what the dialect needs. Every write goes through {@link #write}, which holds one
 * process-wide writer lock (SQLite allows one writer; the audit chain needs a total order), while
 * {@link #read} runs concurrently (SQLite in WAL mode lets readers proceed during a write).
 * Timestamps are stored as epoch milliseconds in BIGINT columns on both dialects.
 */
public final class Database {
    /** The supported dialects; both run the same Flyway migrations. */
    public enum Dialect {
        SQLITE, POSTGRESQL;

        public static Dialect ofUrl(String jdbcUrl) {
            String url = jdbcUrl.toLowerCase(Locale.ROOT);
            if (url.startsWith("jdbc:sqlite:")) {
                return SQLITE;
            }
            if (url.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            throw new IllegalArgumentException("Unsupported database URL (use jdbc:sqlite: or jdbc:postgresql:)");
        }
    }

    /**
     * Connection properties sqlite-jdbc applies to every connection it opens. Transactions begin IMMEDIATE, so
     * a write transaction takes the write lock up front (waiting up to the busy timeout) instead of failing
     * when it upgrades a read snapshot. {@code secure_delete}: SQLite zeroes deleted content and what a page split
     * or merge leaves behind, so no stale copy of a shredded value stays in the file (docs/sealing.md, "Shredding").
     */
    public static final Map<String, String> SQLITE_PROPERTIES = Map.of(
            "journal_mode", "WAL",
            "foreign_keys", "true",
            "busy_timeout", "10000",
            "synchronous", "FULL",
            "transaction_mode", "IMMEDIATE",
            "secure_delete", "true");

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final ReentrantLock writer = new ReentrantLock(true);
    /** Advanced after every {@link #write(HandleCallback)}: what {@link ReadCache} entries are checked against. */
    private final AtomicLong generation = new AtomicLong();

    public Database(Jdbi jdbi, Dialect dialect) {
        this.jdbi = configure(jdbi);
        this.dialect = dialect;
    }

    /** Applies the Flyway migrations under {@code db/migration}. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new InstantAsMillis());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs a read; concurrent with other reads and with the writer. */
    public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
        return jdbi.withHandle(callback);
    }

    /**
     * Runs a write in one transaction, holding the single writer lock. Afterwards (committed or not) the
     * {@link #generation()} advances, so no {@link ReadCache} entry read before it is used again.
     */
    public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        writer.lock();
        try {
            return jdbi.inTransaction(callback);
        } finally {
            generation.incrementAndGet();
            writer.unlock();
        }
    }

    /**
     * Like {@link #write(HandleCallback)} but leaves the {@link #generation()} (and so every {@link ReadCache})
     * as it is: only for writes of data that no cache holds (a device's last-seen time).
     */
    public <R, X extends Exception> R writeUncached(HandleCallback<R, X> callback) throws X {
        writer.lock();
        try {
            return jdbi.inTransaction(callback);
        } finally {
            writer.unlock();
        }
    }

    /**
     * The number of committed writes of what devices download ({@link ChangesDefinitions}: study and form versions,
     * study keys); read it before reading what to cache. Unlike {@link #generation()}, other writes leave it as it is.
     */
    public long definitionsGeneration() {
        return jdbi.getConfig(ChangesDefinitions.Generation.class).get();
    }

    /** The number of {@link #write(HandleCallback)} calls ended so far; read it before reading what to cache. */
    public long generation() {
        return generation.get();
    }

    /**
     * Runs a write in one transaction on the caller's own handle (a connection it keeps open, such as the
     * submission writer's), holding the single writer lock. A writer that keeps its connection never queues for
     * the pool behind the request threads. Leaves the {@link #generation()} as it is: only for writes of data
     * that no {@link ReadCache} holds (submissions, their respondents and audit entries).
     */
    public <R, X extends Exception> R write(Handle handle, HandleCallback<R, X> callback) throws X {
        writer.lock();
        try {
            return handle.inTransaction(callback::withHandle);
        } finally {
            writer.unlock();
        }
    }

    /** Sets this connection's page cache to {@code kib} KiB (SQLite only; PostgreSQL manages its own). */
    public void enlargeCache(Handle handle, int kib) {
        if (dialect == Dialect.SQLITE) {
            handle.execute("PRAGMA cache_size=-" + kib);
        }
    }

    private static final class InstantAsMillis extends AbstractArgumentFactory<Instant> {
        InstantAsMillis() {
            super(Types.BIGINT);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
        }
    }
}
