package org.fieldsafe.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An {@link ExportSink} writing plain files into a directory (for tests, the bench and local exports). */
public final class DirectorySink implements ExportSink {
    private final Path dir;

    public DirectorySink(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    @Override
    public OutputStream create(String fileName) throws IOException {
        Path file = dir.resolve(fileName).normalize();
        if (!file.getParent().equals(dir.normalize()) || fileName.contains("/")) {
            throw new IOException("not a plain file name");
        }
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
}
