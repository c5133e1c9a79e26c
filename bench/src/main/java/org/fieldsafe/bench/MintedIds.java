package org.fieldsafe.bench;

import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.time.Duration;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Where the submission ids of a run were minted. Ids are time-ordered (UUID version 7, as the client makes them,
 * {@link org.fieldsafe.core.wire.SubmissionIds}), so their time decides where they land in the server's id
 * indexes. Minted now (spread zero), every upload of every device lands at the right edge. Minted over a past
 * {@code spread} (devices syncing after days offline), each device's outbox is still in order, but it starts
 * somewhere in the first half of the spread and moves on by 1-60 s (uniform) per interview, so with 200 devices the
 * uploads land at 200 places spread over that week's part of the index.
 */
final class MintedIds {
    private static final long MAX_STEP_MILLIS = 60_000;

    private final long spreadMillis;
    private final long nowMillis;

    MintedIds(Duration spread, long nowMillis) {
        if (spread.isNegative()) {
            throw new IllegalArgumentException("the spread of minting times cannot be negative");
        }
        this.spreadMillis = spread.toMillis();
        this.nowMillis = nowMillis;
    }

    /** The ids of one device, in its outbox's order (thread-confined: one per device thread). */
    Supplier<String> forDevice(long seed) {
        if (spreadMillis == 0) {
            return EnvelopeFactory::newId;
        }
        // Seeds of neighbouring devices scrambled first: java.util.Random's first values for seeds 0, 1, 2... are
        // nearly equal, which started every device at the same moment.
        Random random = new Random(new SplittableRandom(seed).nextLong());
        TimeBasedEpochGenerator ids = new TimeBasedEpochGenerator(random);
        long[] at = {nowMillis - spreadMillis + (long) (random.nextDouble() * spreadMillis / 2)};
        return () -> {
            at[0] = Math.min(nowMillis, at[0] + 1_000 + (long) (random.nextDouble() * (MAX_STEP_MILLIS - 1_000)));
            return ids.construct(at[0]).toString();
        };
    }
}
