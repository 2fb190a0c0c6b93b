package dev.trustline.signer.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final FakeClock clock = new FakeClock();

    private RateLimiter limiter(Map<String, RateLimit> stations, Map<String, RateLimit> policies) {
        return new RateLimiter(stations::get, policies::get, clock);
    }

    @Test
    void take_bothBucketsGrant_isGranted() {
        RateLimiter l = limiter(Map.of("S1", new RateLimit(10, 2)),
                Map.of("P", new RateLimit(10, 2)));
        assertTrue(l.take("S1", "P").granted());
        assertTrue(l.take("S1", "P").granted());
        Decision third = l.take("S1", "P");
        assertFalse(third.granted());
        assertEquals("station S1", third.limitedBy());
        assertEquals(Duration.ofMillis(100), third.retryAfter());
    }

    @Test
    void take_policyRefuses_returnsTheStationToken() {
        RateLimiter l = limiter(Map.of("S1", new RateLimit(1, 1)),
                Map.of("P", new RateLimit(1, 1), "Q", new RateLimit(1, 1)));
        assertTrue(l.take("S2", "P").granted()); // S2 is unlimited; uses P's only token
        Decision refused = l.take("S1", "P");
        assertFalse(refused.granted());
        assertEquals("policy P", refused.limitedBy());
        // S1's token was given back: S1 can still issue under another policy.
        assertTrue(l.take("S1", "Q").granted());
        assertFalse(l.take("S1", "Q").granted());
    }

    @Test
    void take_stationsAreIndependent() {
        RateLimiter l = limiter(Map.of("S1", new RateLimit(1, 1), "S2", new RateLimit(1, 1)),
                Map.of());
        assertTrue(l.take("S1", "P").granted());
        assertFalse(l.take("S1", "P").granted());
        assertTrue(l.take("S2", "P").granted());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(l.take("S1", "P").granted());
    }

    @Test
    void take_chunkLargerThanBurst_isRejected() {
        RateLimiter l = limiter(Map.of("S1", new RateLimit(100, 50)), Map.of());
        assertTrue(l.take("S1", "P", 50).granted());
        assertThrows(IllegalArgumentException.class, () -> l.take("S1", "P", 51));
    }

    @Test
    void take_manyThreadsTwoStationsOnePolicy_grantsExactlyThePolicyBurst() throws Exception {
        RateLimiter l = limiter(Map.of("S1", new RateLimit(1, 400), "S2", new RateLimit(1, 400)),
                Map.of("P", new RateLimit(1, 500)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String station = t % 2 == 0 ? "S1" : "S2";
                futures.add(pool.submit(() -> {
                    int granted = 0;
                    for (int i = 0; i < 300; i++) {
                        granted += l.take(station, "P").granted() ? 1 : 0;
                    }
                    return granted;
                }));
            }
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get();
            }
            assertEquals(500, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void takeUpTo_grantsWhatBothBucketsHold_andNamesTheShortOne() throws Exception {
        RateLimiter l = limiter(Map.of("S1", new RateLimit(10, 5)), Map.of("P", new RateLimit(10, 8)));
        Grant first = l.takeUpTo("S1", "P", 3);
        assertEquals(3, first.granted());
        assertFalse(first.shortened());
        Grant second = l.takeUpTo("S1", "P", 4);
        assertEquals(2, second.granted());
        assertEquals("station S1", second.limitedBy());
        assertEquals(Duration.ofMillis(100), second.retryAfter());
        // S2 is unlimited: the policy's 3 tokens left are all it gets
        Grant third = l.takeUpTo("S2", "P", 50);
        assertEquals(3, third.granted());
        assertEquals("policy P", third.limitedBy());
        clock.advance(Duration.ofMillis(100));
        Grant fourth = l.takeUpTo("S1", "P", 2);
        assertEquals(1, fourth.granted(), "one token refilled in each bucket");
    }

    @Test
    void takeUpTo_policyShort_givesTheStationItsTokensBack() throws Exception {
        RateLimiter l = limiter(Map.of("S1", new RateLimit(1, 10)), Map.of("P", new RateLimit(1, 4)));
        assertEquals(4, l.takeUpTo("S1", "P", 10).granted());
        assertEquals(0, l.takeUpTo("S1", "P", 10).granted());
        // the station kept 6: under a policy without a limit it still has them
        assertEquals(6, l.takeUpTo("S1", "unlimited", 10).granted());
    }

    @Test
    void takeUpTo_moreThanTheBurst_isAPartialGrantNotAnError() throws Exception {
        RateLimiter l = limiter(Map.of("S1", new RateLimit(100, 50)), Map.of());
        Grant g = l.takeUpTo("S1", "P", 500);
        assertEquals(50, g.granted());
        assertTrue(g.shortened());
        assertEquals(1, g.retryAfterSeconds());
    }

    @Test
    void takeUpTo_shared_asksTheSharedBucketsOnceWithBothLimits() throws Exception {
        List<List<RateBucket>> asked = new ArrayList<>();
        RateLimiter l = RateLimiter.shared(Map.of("S1", new RateLimit(2, 3))::get, Map.of("P", new RateLimit(5, 7))::get,
                (buckets, n) -> {
                    asked.add(buckets);
                    return Grant.partial(n - 1, Duration.ofMillis(500), buckets.get(0).label());
                });
        Grant g = l.takeUpTo("S1", "P", 4);
        assertEquals(3, g.granted());
        assertEquals("station S1", g.limitedBy());
        assertEquals(List.of(new RateBucket("station:S1", new RateLimit(2, 3), "station S1"),
                new RateBucket("policy:P", new RateLimit(5, 7), "policy P")), asked.get(0));
        assertEquals(1, asked.size(), "one call for the whole chunk");
        assertEquals(9, l.takeUpTo("S9", "Q", 9).granted(), "no limits: nothing asked");
        assertEquals(1, asked.size());
        assertThrows(IllegalStateException.class, () -> l.take("S1", "P", 1));
    }
}
