package org.fieldsafe.server.storage;

import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Prepares the configured data source for its dialect. */
public final class DataSources {
    private DataSources() {
    }

    /**
     * For SQLite: creates the database file's directory and sets the connection pragmas (WAL, foreign keys,
     * busy timeout, {@code synchronous=FULL}); returns the dialect.
     */
    public static Database.Dialect prepare(DataSourceFactory factory) {
        Database.Dialect dialect = Database.Dialect.ofUrl(factory.getUrl());
        if (dialect == Database.Dialect.SQLITE) {
            factory.getProperties().putAll(Database.SQLITE_PROPERTIES);
            sqliteFile(factory.getUrl()).ifPresent(DataSources::createParent);
        }
        return dialect;
    }

    /** The SQLite database file of the configured data source; empty for PostgreSQL or an in-memory database. */
    public static Optional<Path> sqliteFile(DataSourceFactory factory) {
        return Database.Dialect.ofUrl(factory.getUrl()) == Database.Dialect.SQLITE ? sqliteFile(factory.getUrl())
                : Optional.empty();
    }

    static Optional<Path> sqliteFile(String url) {
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.startsWith(":memory:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path));
    }

    private static void createParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database directory " + parent, e);
        }
    }
}
