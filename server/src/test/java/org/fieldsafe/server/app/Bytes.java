package org.fieldsafe.server.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A byte search of a directory tree, for secrets that must never be written in plain text. */
final class Bytes {
    private Bytes() {
    }

    /** The files below {@code root} whose bytes contain {@code secret} in UTF-8 or UTF-16LE (Chromium's strings). */
    static List<Path> filesContaining(Path root, String secret) throws IOException {
        return filesContaining(root, secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_16LE));
    }

    /** The files below {@code root} whose bytes contain any of {@code needles} (a recording's bytes, say). */
    static List<Path> filesContaining(Path root, byte[]... needles) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.exists(root)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    continue; // a socket or a file that vanished while Chromium shut down
                }
                for (byte[] needle : needles) {
                    if (indexOf(bytes, needle) >= 0) {
                        found.add(file);
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
