package dev.zonos4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LruCacheTest {
    @Test
    void keepsTheMostRecentlyUsedUpToItsCapacity() {
        LruCache<String, Integer> c = new LruCache<>(2);
        c.put("a", 1);
        c.put("b", 2);
        assertEquals(1, c.get("a"));
        c.put("c", 3);
        assertEquals(2, c.size());
        assertNull(c.get("b"), "b was the least recently used");
        assertEquals(1, c.get("a"));
        assertEquals(3, c.get("c"));
    }

    @Test
    void capacityOneHoldsOneAndZeroIsAnError() {
        LruCache<String, Integer> c = new LruCache<>(1);
        c.put("a", 1);
        assertEquals(1, c.size());
        assertEquals(1, c.get("a"));
        c.put("b", 2);
        assertEquals(1, c.size());
        assertNull(c.get("a"));
        assertThrows(IllegalArgumentException.class, () -> new LruCache<String, Integer>(0));
    }
}
