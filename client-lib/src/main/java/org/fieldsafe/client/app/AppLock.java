package org.fieldsafe.client.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;

/**
 * One field app per device home: an OS file lock on {@code <home>/app.lock}, which holds the address (never the
 * launch secret) of the app that holds it, so a second start can say where the first one runs instead of opening
 * the store twice. The OS releases the lock when the process ends, however it ends.
 */
final class AppLock implements AutoCloseable {
    static final String FILE = "app.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private AppLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails naming where the app that holds it runs. */
    static AppLock acquire(Path home) throws ClientException {
        Path file = home.resolve(FILE);
        try {
            Files.createDirectories(home);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                String where = Files.readString(file, StandardCharsets.UTF_8).strip();
                throw new ClientException(Reason.USAGE, "the field app already runs for " + home
                        + (where.isEmpty() ? "" : " at " + where) + "; use that window (or stop that app first)");
            }
            return new AppLock(channel, lock);
        } catch (IOException e) {
            throw new ClientException(Reason.STORE, "could not take the app lock " + file, e);
        }
    }

    /** Records where this app listens, for a second start to print. */
    void record(String where) throws ClientException {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((where + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
        } catch (IOException e) {
            throw new ClientException(Reason.STORE, "could not write the app lock", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS drops the lock with the process anyway
        }
    }
}
