package dev.trustline.signer.limits;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Rate limits per station and per policy: a request is granted only if both the station's and
 * the policy's bucket grant it; when the policy's refuses, the station's tokens are given back,
 * so a refused request costs nothing. Buckets are created on first use from the caller's limit
 * functions (null from a function: that key is unlimited) and kept for the limiter's life; make
 * a new limiter when the configured limits change. Thread-safe; a station bucket may briefly
 * hold tokens for a request the policy then refuses, which can only refuse, never over-grant.
 */
public final class RateLimiter {

    private static final TokenBucket UNLIMITED = null;

    private final Function<String, RateLimit> stationLimits;
    private final Function<String, RateLimit> policyLimits;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Holder> stations = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Holder> policies = new ConcurrentHashMap<>();

    /** A bucket or none (ConcurrentHashMap holds no null values). */
    private record Holder(TokenBucket bucket) {
    }

    public RateLimiter(Function<String, RateLimit> stationLimits,
            Function<String, RateLimit> policyLimits, LongSupplier nanoTime) {
        this.stationLimits = Objects.requireNonNull(stationLimits, "stationLimits");
        this.policyLimits = Objects.requireNonNull(policyLimits, "policyLimits");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public RateLimiter(Function<String, RateLimit> stationLimits,
            Function<String, RateLimit> policyLimits) {
        this(stationLimits, policyLimits, System::nanoTime);
    }

    /** One token from the station's and the policy's buckets. */
    public Decision take(String station, String policyId) {
        return take(station, policyId, 1);
    }

    /**
     * {@code n} tokens (e.g. one per device of a chunk) from both buckets, all or none.
     *
     * @throws IllegalArgumentException if {@code n} exceeds a bucket's burst (never grantable)
     */
    public Decision take(String station, String policyId, long n) {
        TokenBucket s = bucket(stations, station, stationLimits);
        TokenBucket p = bucket(policies, policyId, policyLimits);
        if (s != null && n > s.burst() || p != null && n > p.burst()) {
            throw new IllegalArgumentException(n + " tokens exceed the burst of station "
                    + station + " or policy " + policyId);
        }
        if (s != null) {
            Decision d = s.take(n);
            if (!d.granted()) {
                return d.limitedBy("station " + station);
            }
        }
        if (p != null) {
            Decision d = p.take(n);
            if (!d.granted()) {
                if (s != null) {
                    s.giveBack(n);
                }
                return d.limitedBy("policy " + policyId);
            }
        }
        return Decision.grant();
    }

    private TokenBucket bucket(ConcurrentMap<String, Holder> map, String key,
            Function<String, RateLimit> limits) {
        Objects.requireNonNull(key, "key");
        return map.computeIfAbsent(key, k -> {
            RateLimit limit = limits.apply(k);
            return new Holder(limit == null ? UNLIMITED
                    : TokenBucket.perSecond(limit.ratePerSecond(), limit.burst(), nanoTime));
        }).bucket();
    }
}
