package dev.trustline.signer.limits;

import dev.trustline.core.TrustLineException;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Where the buckets live: in this process ({@link TokenBucket}s, the constructors: one signer
 * process per SQLite database), or in {@link SharedBuckets} ({@link #shared}: the PostgreSQL
 * database that several signer instances share, so a limit holds for all of them together). A
 * chunk of a batch takes its tokens with one {@link #takeUpTo} call, not one per line.
 */
public final class RateLimiter {

    private static final TokenBucket UNLIMITED = null;

    private final Function<String, RateLimit> stationLimits;
    private final Function<String, RateLimit> policyLimits;
    private final LongSupplier nanoTime;
    private final SharedBuckets shared;
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
        this.shared = null;
    }

    private RateLimiter(Function<String, RateLimit> stationLimits,
            Function<String, RateLimit> policyLimits, SharedBuckets shared) {
        this.stationLimits = Objects.requireNonNull(stationLimits, "stationLimits");
        this.policyLimits = Objects.requireNonNull(policyLimits, "policyLimits");
        this.nanoTime = System::nanoTime;
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    /**
     * A limiter whose buckets are {@code shared} with other signer instances. The limit functions
     * are asked on every take (a changed limit applies at once; the stored tokens are capped at
     * the new burst). Only {@link #takeUpTo} is offered.
     */
    public static RateLimiter shared(Function<String, RateLimit> stationLimits,
            Function<String, RateLimit> policyLimits, SharedBuckets shared) {
        return new RateLimiter(stationLimits, policyLimits, shared);
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
        if (shared != null) {
            throw new IllegalStateException("a shared limiter only takes up to n tokens (takeUpTo)");
        }
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

    /**
     * Up to {@code n} tokens (one per line of a chunk): the same count from the station's and the
     * policy's bucket, as many as both hold. The lines past the grant wait
     * {@link Grant#retryAfter()} for the limit {@link Grant#limitedBy()} names.
     *
     * @throws TrustLineException if shared buckets cannot be reached (nothing is taken then)
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Grant takeUpTo(String station, String policyId, long n) throws TrustLineException {
        if (n < 1) {
            throw new IllegalArgumentException("can take at least 1 token, not " + n);
        }
        if (shared != null) {
            return takeShared(station, policyId, n);
        }
        TokenBucket s = bucket(stations, station, stationLimits);
        TokenBucket p = bucket(policies, policyId, policyLimits);
        Grant fromStation = s == null ? Grant.all(n) : s.takeUpTo(n).limitedBy("station " + station);
        if (p == null || fromStation.granted() == 0) {
            return fromStation;
        }
        Grant fromPolicy = p.takeUpTo(fromStation.granted());
        if (!fromPolicy.shortened()) {
            return fromStation;
        }
        if (s != null && fromPolicy.granted() < fromStation.granted()) {
            s.giveBack(fromStation.granted() - fromPolicy.granted());
        }
        return fromPolicy.limitedBy("policy " + policyId);
    }

    private Grant takeShared(String station, String policyId, long n) throws TrustLineException {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(policyId, "policyId");
        List<RateBucket> buckets = new ArrayList<>(2);
        RateLimit s = stationLimits.apply(station);
        if (s != null) {
            buckets.add(new RateBucket("station:" + station, s, "station " + station));
        }
        RateLimit p = policyLimits.apply(policyId);
        if (p != null) {
            buckets.add(new RateBucket("policy:" + policyId, p, "policy " + policyId));
        }
        return buckets.isEmpty() ? Grant.all(n) : shared.take(buckets, n);
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
