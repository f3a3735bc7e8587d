package org.nmt4j.compute;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread's oneDNN primitives by the shape they were made for: the {@code capacity} most recently used; the one
 * evicted is closed (its native primitive and memory objects freed).
 */
final class PlanCache<K, V extends PlanCache.Plan> extends LinkedHashMap<K, V> {

    /** What a cache holds: native objects to free when evicted. */
    interface Plan {
        void close();
    }

    private final int capacity;

    PlanCache(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() <= capacity) {
            return false;
        }
        eldest.getValue().close();
        return true;
    }
}
