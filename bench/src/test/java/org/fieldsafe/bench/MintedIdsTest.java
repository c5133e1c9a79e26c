package org.fieldsafe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MintedIdsTest {
    static final long NOW = 1_800_000_000_000L;

    /** The Unix milliseconds a version-7 UUID carries (its first 48 bits). */
    static long millis(String id) {
        return UUID.fromString(id).getMostSignificantBits() >>> 16;
    }

    @Test
    void forDevice_pastWeek_timeOrderedVersion7IdsInsideTheWeek() {
        Supplier<String> device = new MintedIds(Duration.ofDays(7), NOW).forDevice(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ids.add(device.get());
        }

        assertThat(ids).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
        assertThat(ids).isSorted();
        assertThat(ids).extracting(MintedIdsTest::millis)
                .allSatisfy(t -> assertThat(t).isBetween(NOW - Duration.ofDays(7).toMillis(), NOW));
        assertThat(millis(ids.get(1999)) - millis(ids.get(0))).isGreaterThan(Duration.ofHours(1).toMillis());
    }

    @Test
    void forDevice_pastWeek_devicesStartAtDifferentTimes() {
        MintedIds ids = new MintedIds(Duration.ofDays(7), NOW);
        List<Long> firsts = new ArrayList<>();
        for (int d = 0; d < 50; d++) {
            firsts.add(millis(ids.forDevice(d).get()));
        }

        assertThat(new HashSet<>(firsts.stream().map(t -> t / Duration.ofMinutes(1).toMillis()).toList()))
                .hasSizeGreaterThan(45);
        assertThat(firsts.stream().mapToLong(Long::longValue).max().getAsLong()
                - firsts.stream().mapToLong(Long::longValue).min().getAsLong())
                .isGreaterThan(Duration.ofDays(2).toMillis());
    }

    @Test
    void forDevice_noSpread_idsMintedNow() {
        long before = System.currentTimeMillis();
        String id = new MintedIds(Duration.ZERO, NOW).forDevice(1).get();

        assertThat(millis(id)).isGreaterThanOrEqualTo(before);
    }
}
