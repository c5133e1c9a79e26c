package org.fieldsafe.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes on to a stream that must stay open (an export file, a zip entry) when a writer that closes its
 * stream is done with it: {@link #close()} only flushes.
 */
final class KeepOpenStream extends FilterOutputStream {
    KeepOpenStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
