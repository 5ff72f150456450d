package dev.zonos4j.engine.voice;

import dev.zonos4j.audio.ClipMeasures;
import java.util.LinkedHashMap;
import java.util.Map;

/** The in-memory LRU in front of the store: (audio key, model id) to embedding and clip measures. */
final class EmbeddingCache {

    record Entry(float[] embedding, ClipMeasures measures) {
    }

    private final int capacity;
    private final LinkedHashMap<String, Entry> map;

    EmbeddingCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache size must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, EmbeddingCache.Entry> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    static String key(String audioKey, String modelId) {
        return audioKey + '\u0000' + modelId;
    }

    synchronized Entry get(String key) {
        return map.get(key);
    }

    synchronized void put(String key, Entry entry) {
        if (capacity > 0) {
            map.put(key, entry);
        }
    }

    synchronized int size() {
        return map.size();
    }
}
