package org.fieldsafe.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChunkSizerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void next_slowLink_chunksOfAboutEightSecondsOfTheMeasuredRate() {
        ChunkSizer sizer = ChunkSizer.adaptive();
        assertThat(sizer.next()).isEqualTo(ChunkSizer.START_BYTES);
        // 100 kbit/s = 12,500 bytes/s: 64 KiB took 5.2 s, round trip included
        for (int i = 0; i < 5; i++) {
            int bytes = sizer.next();
            sizer.stored(bytes, bytes * SECOND / 12_500);
        }
        assertThat(sizer.next()).isEqualTo(100_000);
    }

    @Test
    void next_fastLink_growsAtMostFourFoldUpToTheServersLargestChunk() {
        ChunkSizer sizer = ChunkSizer.adaptive();
        sizer.stored(ChunkSizer.START_BYTES, SECOND / 100); // 6.5 MB/s
        assertThat(sizer.next()).isEqualTo(4 * ChunkSizer.START_BYTES);
        sizer.stored(sizer.next(), SECOND / 25);
        sizer.stored(sizer.next(), SECOND / 25);
        assertThat(sizer.next()).isEqualTo(ChunkSizer.MAX_BYTES);
    }

    @Test
    void stored_linkSlowsDown_chunksShrinkButNotBelowTheSmallest() {
        ChunkSizer sizer = ChunkSizer.adaptive();
        for (int i = 0; i < 10; i++) {
            sizer.stored(sizer.next(), 100 * SECOND);
        }
        assertThat(sizer.next()).isEqualTo(ChunkSizer.MIN_BYTES);
    }

    @Test
    void refused_tooLarge_halvesAndKeepsTheLimit() {
        ChunkSizer sizer = ChunkSizer.adaptive();
        sizer.stored(ChunkSizer.START_BYTES, SECOND / 1000);
        assertThat(sizer.refused()).isTrue();
        assertThat(sizer.next()).isEqualTo(2 * ChunkSizer.START_BYTES);
        sizer.stored(sizer.next(), SECOND / 1000);
        assertThat(sizer.next()).isEqualTo(2 * ChunkSizer.START_BYTES);
    }

    @Test
    void stored_fixedSizeOrNoElapsedTime_sizeUnchanged() {
        ChunkSizer fixed = ChunkSizer.fixed(20_000);
        fixed.stored(20_000, SECOND / 1000);
        assertThat(fixed.next()).isEqualTo(20_000);
        ChunkSizer adaptive = ChunkSizer.adaptive();
        adaptive.stored(ChunkSizer.START_BYTES, 0);
        assertThat(adaptive.next()).isEqualTo(ChunkSizer.START_BYTES);
    }

    @Test
    void cut_connectionDroppedMidChunk_halvesTheNextChunkDownToTheSmallest() {
        ChunkSizer sizer = ChunkSizer.adaptive();
        sizer.cut();
        assertThat(sizer.next()).isEqualTo(ChunkSizer.START_BYTES / 2);
        sizer.cut();
        sizer.cut();
        assertThat(sizer.next()).isEqualTo(ChunkSizer.MIN_BYTES);
        ChunkSizer fixed = ChunkSizer.fixed(20_000);
        fixed.cut();
        assertThat(fixed.next()).isEqualTo(20_000);
    }

    @Test
    void next_serverKeepsCutChunks_aboutSixtySecondsOfTheRateUpToItsLargestChunk() {
        ChunkSizer sizer = ChunkSizer.adaptive();
        sizer.serverKeepsCutChunks(4 << 20, Duration.ofMinutes(2));
        // 100 kbit/s: a drop costs nothing of a chunk the server keeps, so chunks are a minute long, not 8 s
        for (int i = 0; i < 8; i++) {
            int bytes = sizer.next();
            sizer.stored(bytes, bytes * SECOND / 12_500);
        }
        assertThat(sizer.next()).isEqualTo(750_000);
        // a short request timeout bounds the chunk to half of it
        ChunkSizer shortTimeout = ChunkSizer.adaptive();
        shortTimeout.serverKeepsCutChunks(4 << 20, Duration.ofSeconds(20));
        for (int i = 0; i < 8; i++) {
            shortTimeout.stored(shortTimeout.next(), shortTimeout.next() * SECOND / 12_500);
        }
        assertThat(shortTimeout.next()).isEqualTo(125_000);
        // a fast link: the server's largest chunk, which may be below the client's own bound
        ChunkSizer fast = ChunkSizer.adaptive();
        fast.serverKeepsCutChunks(300_000, Duration.ofMinutes(2));
        for (int i = 0; i < 4; i++) {
            fast.stored(fast.next(), SECOND / 100);
        }
        assertThat(fast.next()).isEqualTo(300_000);
        // a server that does not say (0) keeps the 8 s chunks
        ChunkSizer old = ChunkSizer.adaptive();
        old.serverKeepsCutChunks(0, Duration.ofMinutes(2));
        for (int i = 0; i < 5; i++) {
            old.stored(old.next(), old.next() * SECOND / 12_500);
        }
        assertThat(old.next()).isEqualTo(100_000);
    }
}
