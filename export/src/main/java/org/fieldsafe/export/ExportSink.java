package org.fieldsafe.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where an export's files go. The engine hashes what it writes (the manifest lists SHA-256s of the plaintext
 * files) and closes each stream. The server wraps a sink to encrypt the files at rest.
 */
public interface ExportSink {
    /** A new file named {@code fileName} (a plain name, no directories). */
    OutputStream create(String fileName) throws IOException;
}
