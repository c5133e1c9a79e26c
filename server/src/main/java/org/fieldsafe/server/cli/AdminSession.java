package org.fieldsafe.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * The admin's stored login: {@code session.json} (server, user, token, expiry) in the admin home,
 * readable by the owner only.
 */
public record AdminSession(String server, String username, String token, Instant expiresAt) {
    static final String FILE = "session.json";

    @Override
    public String toString() {
        return "AdminSession[server=" + server + ", username=" + username + ", token=[REDACTED]]";
    }

    void save(Path home, ObjectMapper json) {
        try {
            Files.createDirectories(home);
            try {
                Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory keeps its default permissions
            }
            Path file = home.resolve(FILE);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.write(file, json.writeValueAsBytes(this), StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new CliException("Cannot write " + home.resolve(FILE) + ": " + e.getMessage());
        }
    }

    static AdminSession load(Path home, ObjectMapper json) {
        Path file = home.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new CliException("Not logged in: run 'admin login --server URL --user NAME' first");
        }
        try {
            return json.readValue(file.toFile(), AdminSession.class);
        } catch (IOException e) {
            throw new CliException("Unreadable " + file + "; log in again");
        }
    }
}
