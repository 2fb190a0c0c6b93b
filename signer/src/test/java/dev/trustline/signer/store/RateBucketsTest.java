package dev.trustline.signer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustline.signer.limits.RateLimit;
import org.junit.jupiter.api.Test;

/** The shared buckets' arithmetic (millionths of a token, database microseconds), without a database. */
class RateBucketsTest {
    static final long M = RateBuckets.MICRO;

    @Test
    void level_refillsByElapsedTimeAndCapsAtTheBurst() {
        RateLimit tenPerSecond = new RateLimit(10, 5);
        assertEquals(2 * M, RateBuckets.level(M, 0, 100_000, tenPerSecond), "100 ms at 10/s: one token");
        assertEquals(M + M / 2, RateBuckets.level(M, 0, 50_000, tenPerSecond));
        assertEquals(5 * M, RateBuckets.level(0, 0, 60_000_000, tenPerSecond), "a long idle fills only to the burst");
        assertEquals(5 * M, RateBuckets.level(9 * M, 0, 0, tenPerSecond), "a lowered burst caps what was stored");
    }

    @Test
    void level_clockBehindTheRow_refillsNothing() {
        assertEquals(3 * M, RateBuckets.level(3 * M, 1_000_000, 999_000, new RateLimit(10, 5)));
    }

    @Test
    void level_roundsDownSoNothingIsEverOverGranted() {
        RateLimit third = new RateLimit(0.333, 1); // 333 tokens per 1,000 s
        assertEquals(332, RateBuckets.level(0, 0, 999, third), "999 us x 0.333/s = 332.667 millionths");
        assertEquals(1_000_000_000L / 333 + 1, RateBuckets.micros(M, third), "3.003003.. s for one token, rounded up to the microsecond");
    }

    @Test
    void capacity_aBurstBeyondAnIntIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RateBuckets.capacity(new RateLimit(1, 3_000_000_000L)));
    }
}
