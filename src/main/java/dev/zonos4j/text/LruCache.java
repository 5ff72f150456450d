package dev.zonos4j.text;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small thread-safe least-recently-used map; values are computed outside its lock. */
final class LruCache<K, V> {
    private final Map<K, V> map;

    LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be positive, got " + capacity);
        }
        map = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    synchronized int size() {
        return map.size();
    }
}
