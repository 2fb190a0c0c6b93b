package dev.trustline.signer.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenBucketTest {

    /**
     * rate, burst, then steps: "+Nms" advances the clock, "take" must be granted, "refuse:Xns"
     * must be refused with exactly that retryAfter.
     */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("full burst at once, then the wait for one token", 10.0, 3,
                        List.of("take", "take", "take", "refuse:100000000")),
                Arguments.of("refill of one token after 1/rate", 10.0, 3,
                        List.of("take", "take", "take", "+100ms", "take", "refuse:100000000")),
                Arguments.of("partial refill shortens the wait", 10.0, 1,
                        List.of("take", "+40ms", "refuse:60000000", "+60ms", "take")),
                Arguments.of("a long idle fills only to burst", 1000.0, 2,
                        List.of("+100000ms", "take", "take", "refuse:1000000")),
                Arguments.of("fractional rate: one token per 2 s", 0.5, 1,
                        List.of("take", "refuse:2000000000", "+1999ms", "refuse:1000000",
                                "+1ms", "take")),
                Arguments.of("rate 3/s: wait rounds up to the nanosecond", 3.0, 1,
                        List.of("take", "refuse:333333334", "+333ms", "refuse:333334")),
                Arguments.of("clock going backwards refills nothing", 10.0, 1,
                        List.of("take", "+-1000ms", "refuse:100000000", "+1000ms",
                                "refuse:100000000", "+100ms", "take")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void take_table(String name, double rate, long burst, List<String> steps) {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = TokenBucket.perSecond(rate, burst, clock);
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            String at = name + ", step " + i + " (" + step + ")";
            if (step.startsWith("+")) {
                clock.advance(Duration.ofMillis(Long.parseLong(step.substring(1, step.length() - 2))));
            } else if (step.equals("take")) {
                Decision d = bucket.take();
                assertTrue(d.granted(), at + ": refused, retry after " + d.retryAfter());
                assertEquals(Duration.ZERO, d.retryAfter());
            } else {
                Decision d = bucket.take();
                assertFalse(d.granted(), at + ": granted");
                assertEquals(Duration.ofNanos(Long.parseLong(step.substring(7))), d.retryAfter(),
                        at);
            }
        }
    }

    @Test
    void take_several_allOrNone() {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = TokenBucket.perSecond(100, 10, clock);
        assertTrue(bucket.take(7).granted());
        Decision d = bucket.take(5);
        assertFalse(d.granted());
        assertEquals(Duration.ofMillis(20), d.retryAfter());
        assertEquals(3, bucket.available());
        assertThrows(IllegalArgumentException.class, () -> bucket.take(11));
        assertThrows(IllegalArgumentException.class, () -> bucket.take(0));
    }

    @Test
    void giveBack_neverFillsBeyondBurst() {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = TokenBucket.perSecond(1, 2, clock);
        assertTrue(bucket.take().granted());
        bucket.giveBack(1);
        bucket.giveBack(1);
        assertEquals(2, bucket.available());
    }

    @Test
    void decision_retryAfterSeconds_roundsUp() {
        assertEquals(1, Decision.refuse(Duration.ofMillis(1), null).retryAfterSeconds());
        assertEquals(2, Decision.refuse(Duration.ofSeconds(2), null).retryAfterSeconds());
        assertEquals(0, Decision.grant().retryAfterSeconds());
    }

    @Test
    void take_manyThreadsFrozenClock_grantsExactlyBurst() throws Exception {
        TokenBucket bucket = TokenBucket.perSecond(50, 1000, new FakeClock());
        assertEquals(1000, hammer(bucket, 16, 200));
    }

    @Test
    void take_manyThreadsMovingClock_grantsExactlyBurstPlusRateTimesElapsed() throws Exception {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = TokenBucket.perSecond(1000, 100, clock);
        // 16 threads take while the clock moves 200 x 5 ms = 1 s, each step waiting until the
        // threads have emptied the bucket (so no refill is lost to the burst cap); then the
        // test drains what is left.
        AtomicBoolean moved = new AtomicBoolean();
        long granted = hammerWhile(bucket, 16, () -> {
            for (int i = 0; i < 200; i++) {
                clock.advanceNanos(5_000_000);
                while (bucket.available() > 0) {
                    Thread.onSpinWait();
                }
            }
            moved.set(true);
        });
        assertTrue(moved.get());
        assertEquals(100 + 1000, granted);
    }

    /** Threads x attempts takes; returns the grants. */
    private static long hammer(TokenBucket bucket, int threads, int attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    int granted = 0;
                    for (int i = 0; i < attempts; i++) {
                        granted += bucket.take().granted() ? 1 : 0;
                    }
                    return granted;
                }));
            }
            start.countDown();
            long total = 0;
            for (Future<Integer> f : futures) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Threads take until {@code mover} finishes; then the remainder is drained here. */
    private static long hammerWhile(TokenBucket bucket, int threads, Runnable mover)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long granted = 0;
                    while (!stop.get()) {
                        granted += bucket.take().granted() ? 1 : 0;
                    }
                    return granted;
                }));
            }
            mover.run();
            stop.set(true);
            long total = 0;
            for (Future<Long> f : futures) {
                total += f.get();
            }
            while (bucket.take().granted()) {
                total++;
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
