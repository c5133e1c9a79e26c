package org.fieldsafe.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * One {@link Spool} per worker thread, so pass 1's threads encrypt their rows in parallel without a shared lock;
 * an interview's rows stay together in its thread's spool. Pass 2 reads (and renders) the spools in parallel.
 */
final class SpoolSet implements AutoCloseable {
    private static final int QUEUE = 512;

    private final Path workDir;
    private final List<Spool> spools = new ArrayList<>();
    private final ThreadLocal<Spool> mine = new ThreadLocal<>();

    SpoolSet(Path workDir) {
        this.workDir = workDir;
    }

    /** The calling thread's spool, created on first use. */
    Spool current() throws IOException {
        Spool s = mine.get();
        if (s == null) {
            s = new Spool(workDir);
            synchronized (spools) {
                spools.add(s);
            }
            mine.set(s);
        }
        return s;
    }

    /** How many spools there are (the threads that spooled rows). */
    int size() {
        synchronized (spools) {
            return spools.size();
        }
    }

    long rows() {
        synchronized (spools) {
            return spools.stream().mapToLong(Spool::rows).sum();
        }
    }

    /** Receives, on the calling thread, what {@code prepare} made of a row of spool number {@code spool}. */
    @FunctionalInterface
    interface IndexedConsumer<T> {
        void accept(int spool, T prepared) throws IOException;
    }

    private record Item(int spool, Object prepared, boolean end, IOException failure) {
    }

    /**
     * Every row of every spool; call after pass 1 has ended. Each spool is decrypted and each of its rows
     * {@code prepare}d (rendered, say) on its own reader thread, into one bounded queue (at most {@value #QUEUE}
     * rows ahead), and handed to {@code consumer} on the calling thread; each spool's rows arrive in the order
     * written, rows of different spools interleave.
     */
    @SuppressWarnings("unchecked")
    <T> void forEach(Function<ExportRow, T> prepare, IndexedConsumer<T> consumer) throws IOException {
        List<Spool> all;
        synchronized (spools) {
            all = List.copyOf(spools);
        }
        BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            int index = i;
            Spool spool = all.get(i);
            Thread t = new Thread(() -> {
                IOException failure = null;
                try {
                    spool.forEach(row -> put(queue, new Item(index, prepare.apply(row), false, null)));
                } catch (IOException e) {
                    failure = e;
                } catch (Stopped e) {
                    return;
                } catch (RuntimeException | Error e) {
                    failure = new IOException("cannot read or prepare a row: " + e, e);
                }
                put(queue, new Item(index, null, true, failure));
            }, "export-spool-" + i);
            t.setDaemon(true);
            readers.add(t);
            t.start();
        }
        try {
            int ended = 0;
            while (ended < all.size()) {
                Item item = queue.take();
                if (item.end()) {
                    if (item.failure() != null) {
                        throw item.failure();
                    }
                    ended++;
                } else {
                    consumer.accept(item.spool(), (T) item.prepared());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            readers.forEach(Thread::interrupt);
        }
    }

    private static void put(BlockingQueue<Item> queue, Item item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** Ends a reader thread whose caller stopped taking rows. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("the export stopped reading", null, false, false);
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        synchronized (spools) {
            for (Spool s : spools) {
                try {
                    s.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            spools.clear();
        }
        if (first != null) {
            throw first;
        }
    }
}
