package org.fieldsafe.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads every stored byte under a folder, for tests that search data directories for what must not be there. */
public final class FileScan {
    private FileScan() {
    }

    /** Every regular file under {@code dir} with its bytes as ISO-8859-1 text, so that any byte sequence matches. */
    public static Map<Path, String> filesUnder(Path dir) throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(paths::add);
        }
        for (Path path : paths) {
            files.put(path, new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
        }
        return files;
    }

    /** Those of {@code texts} that some file under {@code dir} holds ({@link #asStoredBytes}), in their order. */
    public static List<String> found(Path dir, List<String> texts) throws IOException {
        Map<Path, String> files = filesUnder(dir);
        return texts.stream().filter(t -> files.values().stream()
                .anyMatch(content -> content.contains(asStoredBytes(t)))).toList();
    }

    /** {@code text} as its UTF-8 bytes read as ISO-8859-1: what to search for in {@link #filesUnder}. */
    public static String asStoredBytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
