package org.fieldsafe.server.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Set;
import org.fieldsafe.export.ExportFormat;
import org.fieldsafe.export.ExportSink;

/**
 * The {@code --out} directory of {@code admin export}: created owner-only (0700), must be empty, and receives only
 * files an export can write ({@link ExportFormat#fileNames()}), each created owner-only (0600). A file name comes
 * from the server (or a manifest), so it is checked against that fixed set and the resolved path must stay a
 * direct child of the directory: a name with a path separator, {@code ..} or an absolute path is refused before
 * anything is written.
 */
final class ExportOutDirectory implements ExportSink {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<OpenOption> NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private final Path dir;

    private ExportOutDirectory(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code out} (0700) unless it exists, and checks that it is an empty directory. */
    static ExportOutDirectory prepare(Path out) {
        Path dir = out.toAbsolutePath().normalize();
        try {
            if (!Files.exists(dir)) {
                if (dir.getParent() != null) {
                    Files.createDirectories(dir.getParent());
                }
                if (POSIX) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(dir);
                }
            }
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new CliException(out + " is not empty; give an empty or new directory");
                }
            }
        } catch (IOException e) {
            throw new CliException("Cannot use " + out + ": " + e.getMessage());
        }
        return new ExportOutDirectory(dir);
    }

    Path dir() {
        return dir;
    }

    /** Refuses the first of {@code names} that is not an export file name; writes nothing. */
    void checkAll(Collection<String> names) {
        names.forEach(this::target);
    }

    /** Where the export file {@code name} goes: a direct child of the directory; a refused name throws. */
    Path target(String name) {
        if (name == null || !ExportFormat.fileNames().contains(name)) {
            throw refused(name);
        }
        Path file = dir.resolve(name).normalize();
        if (!dir.equals(file.getParent())) {
            throw refused(name);
        }
        return file;
    }

    /** A new file, owner-only from its creation (0600 on POSIX file systems). */
    @Override
    public OutputStream create(String fileName) throws IOException {
        Path file = target(fileName);
        FileAttribute<?>[] owner = POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
        return Channels.newOutputStream(Files.newByteChannel(file, NEW_FILE, owner));
    }

    private static CliException refused(String name) {
        String shown = name == null ? "(none)" : name.replaceAll("[^\\x20-\\x7e]", "?");
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new CliException("Refused the file name '" + shown + "': not one an export writes ("
                + String.join(", ", ExportFormat.fileNames()) + ")");
    }
}
