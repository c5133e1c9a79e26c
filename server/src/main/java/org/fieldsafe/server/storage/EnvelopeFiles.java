package org.fieldsafe.server.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sealed envelopes kept beside the SQLite database in append-only files ({@code 000001.envelopes}, ...), the
 * database row holding where each one is ({@link Ref}). In the database itself every envelope was written twice -
 * into the write-ahead log at commit, then into the database file by the checkpoint - and the checkpoint's copying
 * of hundreds of MB took a quarter of a core and held up the commits' log syncs behind its disk writes. Here an
 * envelope is written once.
 *
 * <p>Only the submission writer appends ({@link #appendAll}, one thread); it syncs the file before the transaction
 * that records the references commits, so a committed reference always points at durable bytes. Only uploads that
 * may be new are appended (a retry, a conflict or a withdrawn respondent's upload never is); bytes appended for a
 * transaction that then fails or for an upload turned away after all are overwritten with zeros, and at start
 * every range no row references is ({@link #zeroUnreferenced}). Reads may come from any thread. A file is closed for appending at {@code maxFileBytes} and a
 * new one started.
 */
public final class EnvelopeFiles implements Closeable {
    private static final Pattern NAME = Pattern.compile("(\\d{6})\\.envelopes");

    /** Where one envelope is: file number, byte offset, length. */
    public record Ref(int file, long offset, int length) {
    }

    private final Path directory;
    private final long maxFileBytes;
    private final Map<Integer, FileChannel> readers = new ConcurrentHashMap<>();
    private int current;
    private FileChannel appending;
    private long size;

    private EnvelopeFiles(Path directory, long maxFileBytes) {
        this.directory = directory;
        this.maxFileBytes = maxFileBytes;
    }

    /** Opens (creating it if needed) the directory; appends continue in its newest file. */
    public static EnvelopeFiles open(Path directory, long maxFileBytes) throws IOException {
        Files.createDirectories(directory);
        EnvelopeFiles files = new EnvelopeFiles(directory, maxFileBytes);
        SortedSet<Integer> numbers = fileNumbers(directory);
        files.openForAppend(numbers.isEmpty() ? 1 : numbers.last());
        return files;
    }

    /** The numbers of the envelope files in {@code directory}, in order. */
    private static SortedSet<Integer> fileNumbers(Path directory) throws IOException {
        SortedSet<Integer> numbers = new TreeSet<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    numbers.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        return numbers;
    }

    /** The directory of the envelopes of the SQLite database {@code databaseFile}. */
    public static Path besides(Path databaseFile) {
        return databaseFile.resolveSibling(databaseFile.getFileName() + ".envelopes");
    }

    private void openForAppend(int number) throws IOException {
        if (appending != null) {
            appending.close();
        }
        current = number;
        boolean created = !Files.exists(path(number));
        appending = FileChannel.open(path(number), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        size = appending.size();
        if (created) {
            // The new file's name must survive a crash as well as its bytes.
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    }

    /**
     * Appends the envelopes in order and syncs them to disk before returning their references (the submission
     * writer's thread only).
     */
    public synchronized List<Ref> appendAll(List<byte[]> envelopes) throws IOException {
        if (size >= maxFileBytes) {
            openForAppend(current + 1);
        }
        List<Ref> refs = new ArrayList<>(envelopes.size());
        ByteBuffer[] buffers = new ByteBuffer[envelopes.size()];
        long offset = size;
        long total = 0;
        for (int i = 0; i < envelopes.size(); i++) {
            byte[] e = envelopes.get(i);
            refs.add(new Ref(current, offset, e.length));
            buffers[i] = ByteBuffer.wrap(e);
            offset += e.length;
            total += e.length;
        }
        long written = 0;
        appending.position(size);
        while (written < total) {
            written += appending.write(buffers);
        }
        appending.force(false);
        size += total;
        return refs;
    }

    /** The bytes at {@code ref}. */
    public byte[] read(Ref ref) throws IOException {
        FileChannel channel = readers.computeIfAbsent(ref.file(), this::openForRead);
        ByteBuffer buffer = ByteBuffer.allocate(ref.length());
        long position = ref.offset();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("Envelope file " + ref.file() + " ends before " + ref);
            }
            position += n;
        }
        return buffer.array();
    }

    /**
     * Overwrites the envelope at {@code ref} with {@code bytes} of the same length (a shredded envelope) and syncs
     * the file before returning; the only write that is not an append.
     */
    public synchronized void overwrite(Ref ref, byte[] bytes) throws IOException {
        if (bytes.length != ref.length()) {
            throw new IllegalArgumentException("An envelope is overwritten only with bytes of its own length");
        }
        try (FileChannel channel = FileChannel.open(path(ref.file()), StandardOpenOption.WRITE)) {
            if (ref.offset() + ref.length() > channel.size()) {
                throw new IOException("Envelope file " + ref.file() + " ends before " + ref);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = ref.offset();
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(false);
        }
    }

    /**
     * Overwrites with zeros, and syncs, every byte of the envelope files outside {@code referenced} (sorted by file,
     * then offset): what no row points at is not data, and must not keep a copy of a sealed part. Run at start,
     * before any append. The number of bytes zeroed.
     */
    public synchronized long zeroUnreferenced(Iterator<Ref> referenced) throws IOException {
        long zeroed = 0;
        Ref pending = referenced.hasNext() ? referenced.next() : null;
        for (int file : fileNumbers(directory)) {
            try (FileChannel channel = FileChannel.open(path(file), StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                long end = channel.size();
                long position = 0;
                while (pending != null && pending.file() < file) {
                    pending = referenced.hasNext() ? referenced.next() : null;
                }
                while (pending != null && pending.file() == file) {
                    zeroed += zero(channel, position, Math.min(pending.offset(), end));
                    position = Math.max(position, pending.offset() + pending.length());
                    pending = referenced.hasNext() ? referenced.next() : null;
                }
                zeroed += zero(channel, position, end);
                channel.force(false);
            }
        }
        return zeroed;
    }

    /** Zeroes [from, to) where it is not zero already (a scrub run twice writes nothing the second time). */
    private static long zero(FileChannel channel, long from, long to) throws IOException {
        long written = 0;
        ByteBuffer read = ByteBuffer.allocate(64 * 1024);
        for (long at = from; at < to; ) {
            read.clear().limit((int) Math.min(read.capacity(), to - at));
            int n = channel.read(read, at);
            if (n <= 0) {
                break;
            }
            boolean allZero = true;
            for (int i = 0; i < n && allZero; i++) {
                allZero = read.get(i) == 0;
            }
            if (!allZero) {
                ByteBuffer zeros = ByteBuffer.allocate(n);
                long p = at;
                while (zeros.hasRemaining()) {
                    p += channel.write(zeros, p);
                }
                written += n;
            }
            at += n;
        }
        return written;
    }

    private FileChannel openForRead(int number) {
        try {
            return FileChannel.open(path(number), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path path(int number) {
        return directory.resolve(String.format("%06d.envelopes", number));
    }

    @Override
    public synchronized void close() throws IOException {
        for (FileChannel c : readers.values()) {
            c.close();
        }
        readers.clear();
        if (appending != null) {
            appending.close();
            appending = null;
        }
    }
}
