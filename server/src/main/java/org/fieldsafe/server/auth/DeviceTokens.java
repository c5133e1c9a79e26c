package org.fieldsafe.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unrevoked devices by token hash, so a device's requests need no database read to authenticate. Unlike a
 * {@link org.fieldsafe.server.storage.ReadCache} an entry outlives unrelated writes (a person's login, an attachment
 * chunk): it is dropped by {@link #revoked()}, which every change that revokes a device calls once its transaction
 * has ended, and in any case {@link #TTL} after it was read. An entry read before a {@link #revoked()} is never used
 * after it: {@link #put} takes the {@link #epoch()} taken before the read. Bounded: when full, it starts again empty.
 */
public final class DeviceTokens {
    /** The longest an entry is used: a safety net for a device revoked in a way that did not call revoked(). */
    public static final Duration TTL = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(long epoch, Instant readAt, DeviceRow device) {
    }

    private final AtomicLong epoch = new AtomicLong();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Take it before reading a device from the database, and give it to {@link #put}. */
    public long epoch() {
        return epoch.get();
    }

    /** The device of {@code tokenHash} if read since the last {@link #revoked()} and less than {@link #TTL} ago. */
    public DeviceRow get(String tokenHash, Instant now) {
        Entry entry = entries.get(tokenHash);
        if (entry == null || entry.epoch() != epoch.get() || !now.isBefore(entry.readAt().plus(TTL))) {
            return null;
        }
        return entry.device();
    }

    /** Keeps an unrevoked device read at {@code now}, after {@code epoch} was taken. */
    public void put(String tokenHash, long epoch, DeviceRow device, Instant now) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(tokenHash, new Entry(epoch, now, device));
    }

    /** A device was (or may have been) revoked: nothing read before is used again. */
    public void revoked() {
        epoch.incrementAndGet();
        entries.clear();
    }
}
