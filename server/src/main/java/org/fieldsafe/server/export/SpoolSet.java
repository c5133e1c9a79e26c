package org.fieldsafe.server.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One {@link Spool} per worker thread, so pass 1's threads encrypt their rows in parallel without a shared lock;
 * an interview's rows stay together in its thread's spool. Pass 2 reads the spools in parallel.
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

    /** Receives the records of spool number {@code spool}; each spool's records arrive in the order written. */
    @FunctionalInterface
    interface IndexedConsumer {
        void accept(int spool, SpoolRecord record) throws IOException;
    }

    private record Item(int spool, SpoolRecord record, boolean end, IOException failure) {
    }

    /**
     * Every record of every spool, on the calling thread; call after pass 1 has ended. Each spool is decrypted on
     * its own reader thread into one bounded queue (at most {@value #QUEUE} records ahead), so decrypting overlaps
     * with the caller's writing; records of different spools interleave.
     */
    void forEach(IndexedConsumer consumer) throws IOException {
        List<Spool> all;
        synchronized (spools) {
            all = List.copyOf(spools);
        }
        if (all.size() == 1) {
            all.get(0).forEach(r -> consumer.accept(0, r));
            return;
        }
        BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            int index = i;
            Spool spool = all.get(i);
            Thread t = new Thread(() -> {
                IOException failure = null;
                try {
                    spool.forEach(r -> put(queue, new Item(index, r, false, null)));
                } catch (IOException e) {
                    failure = e;
                } catch (IllegalStateException e) {
                    return;
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
                    consumer.accept(item.spool(), item.record());
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
            throw new IllegalStateException("the export stopped reading", e);
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
