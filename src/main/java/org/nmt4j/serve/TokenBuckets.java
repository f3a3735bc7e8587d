package org.nmt4j.serve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key admission: a token bucket per API key (one for everyone without keys), refilled at
 * {@code sentences_per_second} up to {@code burst}; a request takes a token per sentence or, when the bucket has too
 * few, is refused with the seconds until it would have them.
 */
final class TokenBuckets {

    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    private static final class Bucket {
        double tokens;
        long refilled;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilled = now;
        }
    }

    /**
     * Takes n tokens from key's bucket: 0 when they were there, else the whole seconds until they will be (nothing is
     * taken then). A request of more sentences than the burst is a 400.
     */
    long take(String key, int n) {
        if (n > burst) {
            throw ApiError.badRequest("a request of " + n + " sentences is more than rate_limit.burst (" + (long) burst
                    + "): send it in parts");
        }
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.refilled) / 1e9 * perSecond);
            b.refilled = now;
            if (b.tokens >= n) {
                b.tokens -= n;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((n - b.tokens) / perSecond));
        }
    }
}
