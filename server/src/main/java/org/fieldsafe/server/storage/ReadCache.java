package org.fieldsafe.server.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Values read from the database, kept until the next write that may change them: every entry is tagged with
 * {@link Database#generation()} (or another generation, see the constructors) as read before loading, and an entry
 * is used only while that generation is still current. {@link Database#write} advances the generation after its
 * transaction has ended, so a value loaded before (or during) a write is never used after it. Bounded: when full, it
 * starts again empty.
 */
public final class ReadCache<K, V> {
    private record Entry<V>(long generation, V value) {
    }

    private final LongSupplier generation;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    /** Entries dropped by every {@link Database#write}. */
    public ReadCache(Database database, int maxEntries) {
        this(database::generation, maxEntries);
    }

    /**
     * Entries dropped when {@code generation} advances (such as {@link Database#definitionsGeneration()}, advanced
     * only by the writes that change what it counts).
     */
    public ReadCache(LongSupplier generation, int maxEntries) {
        this.generation = generation;
        this.maxEntries = maxEntries;
    }

    /** The cached value for {@code key} if still current, else {@code loader}'s (which is then cached). */
    public V get(K key, Supplier<V> loader) {
        long current = generation.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.generation() == current) {
            return entry.value();
        }
        V value = loader.get();
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(current, value));
        return value;
    }

    /** The cached value for {@code key} if still current, else null (nothing is loaded). */
    public V getIfCurrent(K key) {
        Entry<V> entry = entries.get(key);
        return entry != null && entry.generation() == generation.getAsLong() ? entry.value() : null;
    }

    /** Caches a value read after {@code generation} was taken (see {@link Database#generation()}). */
    public void put(K key, long generation, V value) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(generation, value));
    }
}
