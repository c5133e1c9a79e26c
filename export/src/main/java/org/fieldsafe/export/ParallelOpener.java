package org.fieldsafe.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;

/**
 * Opens the research parts of a {@link SealedSource} on {@code threads} worker threads with a bounded number of
 * submissions in flight ({@code 4 x threads}), so memory stays flat however large the source is. Each opened part
 * goes to an {@link Opened} callback on the worker thread, then its plaintext is zeroed. A submission that cannot
 * be parsed or opened goes to the {@link Failed} callback; it never stops the run. The export's first pass and the
 * benchmark's open-only baseline both use it.
 */
public final class ParallelOpener {
    private static final ObjectMapper JSON = JsonMappers.plain();
    private static final int PROGRESS_EVERY = 500;

    /** What to do with one opened research part (called on a worker thread; the bytes are zeroed afterwards). */
    @FunctionalInterface
    public interface Opened {
        void accept(SealedSubmission submission, Envelope envelope, byte[] researchPlaintext) throws IOException;
    }

    /** A submission that was not opened, with a reason that quotes no content. */
    @FunctionalInterface
    public interface Failed {
        void accept(String submissionId, String reason);
    }

    private final int threads;
    private final Sealing.Opener opener;

    /**
     * @throws IllegalArgumentException when {@code privateKey} is not the key {@code keyId}
     */
    public ParallelOpener(int threads, String keyId, byte[] privateKey) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
        try {
            this.opener = Sealing.opener(Objects.requireNonNull(keyId, "keyId"), privateKey);
        } catch (SealedPartException e) {
            throw new IllegalArgumentException("the private key given is not the research key " + keyId, e);
        }
    }

    /** Worker threads for this machine: one per available core. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Opens every submission {@code accept} lets through. Returns how many the source handed over.
     *
     * @throws IOException when the source fails or an {@link Opened} callback throws one (the first such)
     */
    public long run(SealedSource source, Predicate<SealedSubmission> accept, Opened opened, Failed failed,
                    ExportProgress progress) throws IOException {
        long total = source.count();
        Semaphore inFlight = new Semaphore(threads * 4);
        AtomicReference<IOException> failure = new AtomicReference<>();
        AtomicLong handed = new AtomicLong();
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "export-open-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            source.forEach(s -> {
                long n = handed.incrementAndGet();
                if (n % PROGRESS_EVERY == 0) {
                    progress.update("open", n, total);
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
                if (!accept.test(s)) {
                    return;
                }
                try {
                    inFlight.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                pool.execute(() -> {
                    try {
                        openOne(s, opened, failed);
                    } catch (IOException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                });
            });
            inFlight.acquireUninterruptibly(threads * 4);
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        progress.update("open", handed.get(), total);
        return handed.get();
    }

    private void openOne(SealedSubmission s, Opened opened, Failed failed) throws IOException {
        Envelope envelope;
        try {
            envelope = JSON.readValue(s.envelope(), Envelope.class);
        } catch (IOException | RuntimeException e) {
            failed.accept(s.submissionId(), "not a readable envelope");
            return;
        }
        if (envelope.header() == null || !Objects.equals(envelope.header(), s.header())
                || !Objects.equals(s.submissionId(), envelope.header().submissionId())) {
            failed.accept(s.submissionId(), "the envelope's header is not the stored header");
            return;
        }
        byte[] plaintext;
        try {
            plaintext = opener.open(envelope, Envelope.RESEARCH);
        } catch (SealedPartException e) {
            failed.accept(s.submissionId(), e.getMessage());
            return;
        }
        try {
            opened.accept(s, envelope, plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
