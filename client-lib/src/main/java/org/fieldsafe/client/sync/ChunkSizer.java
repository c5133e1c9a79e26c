package org.fieldsafe.client.sync;

import java.time.Duration;

/**
 * Bytes per attachment chunk, sized to the link (BENCHMARKS.md, "Sync over a poor link"): each stored chunk's time
 * (request sent to answer read, round trip included) gives a measured rate, smoothed over chunks; the next chunk
 * is what that rate carries in {@link #TARGET}. A drop loses the chunk in flight, so a chunk must not take long on
 * a slow link; each chunk also costs a round trip, so it must not be small on a fast one: about 8 s a chunk loses
 * ~5 % to round trips of 0.3-0.6 s and, with a drop every 30-120 s, ~5 % to chunks cut short. Starts at
 * {@link #START_BYTES} (5 s at 100 kbit/s), grows at most four-fold a chunk, stays within {@link #MIN_BYTES} and
 * {@link #MAX_BYTES} (the server's default largest chunk); a drop halves the next chunk, a 413 the largest size
 * for the rest of the run.
 * A server that keeps the bytes of a chunk cut short ({@code Upload-Chunk-Max}, {@link #serverKeepsCutChunks})
 * loses nothing of a chunk to a drop, so there the only cost of a chunk is its round trip: chunks then carry
 * {@link #KEPT_TARGET} (at most half the request timeout) up to the server's largest chunk.
 * One sizer serves all attachments of a sync, so the second recording starts at the rate the first measured.
 */
final class ChunkSizer {
    static final int START_BYTES = 64 * 1024;
    static final int MIN_BYTES = 16 * 1024;
    static final int MAX_BYTES = 1024 * 1024;
    static final Duration TARGET = Duration.ofSeconds(8);
    /** A chunk's time when the server keeps cut chunks: a round trip of 0.3-0.6 s is then ~1 % of it. */
    static final Duration KEPT_TARGET = Duration.ofSeconds(60);
    /** Weight of the newest chunk's rate in the smoothed rate. */
    private static final double NEWEST = 0.5;

    private final boolean adaptive;
    private int largest;
    /** The largest size a 413 left, or no bound. */
    private int refusedAbove = Integer.MAX_VALUE;
    private int next;
    private double bytesPerSecond;
    private Duration target = TARGET;

    private ChunkSizer(int first, boolean adaptive) {
        this.adaptive = adaptive;
        this.largest = adaptive ? MAX_BYTES : first;
        this.next = first;
    }

    /** Sized to the link, from {@link #START_BYTES}. */
    static ChunkSizer adaptive() {
        return new ChunkSizer(START_BYTES, true);
    }

    /** Always {@code bytes} (until a 413 halves it). */
    static ChunkSizer fixed(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a chunk needs at least one byte");
        }
        return new ChunkSizer(bytes, false);
    }

    /** The size of the next chunk. */
    synchronized int next() {
        return next;
    }

    /** A chunk of {@code bytes} was stored, {@code nanos} after its request started. */
    synchronized void stored(int bytes, long nanos) {
        if (!adaptive || nanos <= 0 || bytes < MIN_BYTES / 4) {
            return; // a tiny last chunk says more about the round trip than the rate
        }
        double rate = bytes * 1e9 / nanos;
        bytesPerSecond = bytesPerSecond == 0 ? rate : NEWEST * rate + (1 - NEWEST) * bytesPerSecond;
        long wanted = (long) (bytesPerSecond * target.toNanos() / 1e9);
        long bounded = Math.min(wanted, 4L * next);
        next = (int) Math.min(largest, Math.max(MIN_BYTES, bounded));
    }

    /**
     * The server said it keeps the bytes of a chunk cut short and takes chunks up to {@code chunkMax} bytes: from
     * now on a chunk carries what the measured rate carries in {@link #KEPT_TARGET}, or half the request timeout
     * when that is shorter (a chunk must end before its request times out), up to {@code chunkMax}.
     */
    synchronized void serverKeepsCutChunks(long chunkMax, Duration requestTimeout) {
        if (!adaptive || chunkMax < 1) {
            return;
        }
        Duration half = requestTimeout.dividedBy(2);
        target = half.compareTo(KEPT_TARGET) < 0 ? half : KEPT_TARGET;
        largest = (int) Math.max(1, Math.min(refusedAbove, Math.min(chunkMax, Integer.MAX_VALUE)));
        next = Math.min(next, largest);
    }

    /**
     * The connection failed during a chunk (a drop): the next chunk is half as large, so that on a link that drops
     * more often than a chunk takes, chunks still get through; the measured rate lets them grow again.
     */
    synchronized void cut() {
        if (adaptive) {
            next = Math.max(MIN_BYTES, next / 2);
        }
    }

    /** The server refused a chunk as too large (413): halves the size; false when it is at the smallest already. */
    synchronized boolean refused() {
        if (next <= MIN_BYTES) {
            return false;
        }
        largest = Math.max(MIN_BYTES, next / 2);
        refusedAbove = largest;
        next = largest;
        return true;
    }
}
