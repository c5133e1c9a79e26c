package org.fieldsafe.server.storage;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Fresh, migrated databases for storage tests: SQLite in a temporary file, or PostgreSQL from
 * {@code FIELDSAFE_TEST_POSTGRES_URL} in a fresh schema. Without that variable the PostgreSQL variants are
 * skipped, except under {@code CI=true}, where they fail.
 */
public final class TestDatabases {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    /** The two dialects storage tests run on. */
    public enum Backend {
        SQLITE, POSTGRESQL
    }

    private TestDatabases() {
    }

    public static Database open(Backend backend) {
        return switch (backend) {
            case SQLITE -> sqlite();
            case POSTGRESQL -> postgresql();
        };
    }

    private static Database sqlite() {
        try {
            Path dir = Files.createTempDirectory("fieldsafe-storage");
            Properties properties = new Properties();
            properties.putAll(Database.SQLITE_PROPERTIES);
            SQLiteDataSource dataSource = new SQLiteDataSource(new SQLiteConfig(properties));
            dataSource.setUrl("jdbc:sqlite:" + dir.resolve("test.db"));
            Database.migrate(dataSource);
            return new Database(Jdbi.create(dataSource), Database.Dialect.SQLITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Database postgresql() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(freshPostgresSchemaUrl());
        DataSource ds = dataSource;
        Database.migrate(ds);
        return new Database(Jdbi.create(ds), Database.Dialect.POSTGRESQL);
    }

    /**
     * A JDBC URL for a new, empty schema on the test PostgreSQL server (skipped, or failed under CI=true,
     * when there is none).
     */
    public static String freshPostgresSchemaUrl() {
        String url = System.getenv("FIELDSAFE_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("FIELDSAFE_TEST_POSTGRES_URL is not set, but CI=true requires the PostgreSQL storage tests");
            }
            Assumptions.abort("FIELDSAFE_TEST_POSTGRES_URL not set: PostgreSQL variant skipped");
        }
        String schema = "t_" + ProcessHandle.current().pid() + "_" + System.nanoTime() + "_" + SCHEMAS.incrementAndGet();
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(url);
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test schema on " + url, e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
