package dev.trustline.signer.limits;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A token bucket holding up to {@code burst} tokens, refilled at {@code permits} per
 * {@code period}; starts full. Exact: arithmetic is in whole "token-nanoseconds" (a token is
 * worth {@code period} in nanoseconds, each elapsed nanosecond adds {@code permits}), so over
 * any interval it grants at most {@code burst + rate * elapsed} tokens, never one more through
 * rounding. Thread-safe. The time source is a {@code nanoTime}-like counter; if it ever goes
 * backwards the bucket simply does not refill.
 */
public final class TokenBucket {

    private final long permits;
    private final long periodNanos;
    private final long capacity;
    private final long burst;
    private final LongSupplier nanoTime;
    private long level;
    private long last;

    /**
     * @param permits tokens added per {@code period}, at least 1
     * @param period the refill period, positive
     * @param burst the most tokens the bucket holds, at least 1
     * @param nanoTime the time source, e.g. {@code System::nanoTime}
     * @throws IllegalArgumentException if a limit is out of range, or {@code burst * period}
     *     does not fit in a long of nanoseconds
     */
    public TokenBucket(long permits, Duration period, long burst, LongSupplier nanoTime) {
        if (permits < 1 || burst < 1 || period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("permits and burst must be at least 1 and the"
                    + " period positive");
        }
        this.permits = permits;
        this.periodNanos = period.toNanos();
        try {
            this.capacity = Math.multiplyExact(burst, periodNanos);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("burst " + burst + " x period " + period
                    + " is too large", e);
        }
        this.burst = burst;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.level = capacity;
        this.last = nanoTime.getAsLong();
    }

    /**
     * A bucket refilled at {@code ratePerSecond} (to 1/1000 token per second; an integral rate is
     * exact), holding up to {@code burst}.
     */
    public static TokenBucket perSecond(double ratePerSecond, long burst, LongSupplier nanoTime) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        if (ratePerSecond == Math.rint(ratePerSecond) && ratePerSecond <= Long.MAX_VALUE) {
            return new TokenBucket((long) ratePerSecond, Duration.ofSeconds(1), burst, nanoTime);
        }
        long milli = Math.max(1, Math.round(ratePerSecond * 1000));
        long g = java.math.BigInteger.valueOf(milli).gcd(java.math.BigInteger.valueOf(1000))
                .longValueExact();
        return new TokenBucket(milli / g, Duration.ofSeconds(1000 / g), burst, nanoTime);
    }

    /** {@link #perSecond(double, long, LongSupplier)} on {@link System#nanoTime()}. */
    public static TokenBucket perSecond(double ratePerSecond, long burst) {
        return perSecond(ratePerSecond, burst, System::nanoTime);
    }

    /** Takes one token. */
    public Decision take() {
        return take(1);
    }

    /**
     * Takes {@code n} tokens, all or none.
     *
     * @throws IllegalArgumentException if {@code n < 1} or {@code n > burst} (never grantable)
     */
    public synchronized Decision take(long n) {
        long cost = cost(n);
        refill();
        if (level >= cost) {
            level -= cost;
            return Decision.grant();
        }
        long missing = cost - level;
        return Decision.refuse(Duration.ofNanos(ceilDiv(missing, permits)), null);
    }

    /**
     * Takes as many tokens as the bucket holds, but at most {@code n}; when that is fewer than
     * {@code n}, the grant says how long until the next whole token (no limit named: the caller
     * names it).
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public synchronized Grant takeUpTo(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("can take at least 1 token, not " + n);
        }
        refill();
        long granted = Math.min(n, level / periodNanos);
        level -= granted * periodNanos;
        if (granted == n) {
            return Grant.all(n);
        }
        long missing = periodNanos - level;
        return Grant.partial(granted, Duration.ofNanos(ceilDiv(missing, permits)), "bucket");
    }

    /** Returns {@code n} tokens taken by a grant that was not used (the bucket stays <= burst). */
    public synchronized void giveBack(long n) {
        long cost = cost(n);
        refill();
        level = capacity - level <= cost ? capacity : level + cost;
    }

    /** Whole tokens available now. */
    public synchronized long available() {
        refill();
        return level / periodNanos;
    }

    public long burst() {
        return burst;
    }

    private long cost(long n) {
        if (n < 1 || n > burst) {
            throw new IllegalArgumentException("can take 1 to " + burst + " tokens, not " + n);
        }
        return n * periodNanos;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - last;
        if (elapsed <= 0) {
            return;
        }
        last = now;
        long missing = capacity - level;
        if (missing == 0) {
            return;
        }
        // elapsed * permits may overflow for a long pause; the bucket is full long before that.
        if (elapsed >= ceilDiv(missing, permits)) {
            level = capacity;
        } else {
            level += elapsed * permits;
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
