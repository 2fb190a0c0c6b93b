package dev.trustline.signer.store;

import dev.trustline.signer.limits.Grant;
import dev.trustline.signer.limits.RateBucket;
import dev.trustline.signer.limits.RateLimit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Token buckets in the {@code rate_buckets} table (schema 5), shared by every signer instance of
 * the database: one row per bucket (key, tokens in millionths of a token, the database clock's
 * microsecond of the last change). A take is one write transaction: lock the buckets' rows (key
 * order, so two takes never deadlock), read the database's clock after the locks are held, refill
 * each by the time elapsed since its row last changed, take the same whole number of tokens from
 * each, write them back. Integer arithmetic that rounds every refill down, on one clock that only
 * the database keeps: over any interval the tokens granted never exceed {@code burst + rate x
 * elapsed}, whatever the hosts' clocks say. Runs inside the caller's transaction.
 */
final class RateBuckets {

    /** Stored units per token. */
    static final long MICRO = 1_000_000L;

    /** A bucket's row: tokens (millionths) and when it last changed (database microseconds). */
    private record Row(long tokens, long updatedAt) {
    }

    private RateBuckets() {
    }

    static Grant take(Connection c, Dialect dialect, List<RateBucket> buckets, long n)
            throws SQLException {
        if (n < 1 || buckets.isEmpty()) {
            throw new IllegalArgumentException("take at least 1 token from at least one bucket");
        }
        Set<String> keys = new HashSet<>();
        for (RateBucket b : buckets) {
            if (!keys.add(b.key())) {
                throw new IllegalArgumentException("bucket " + b.key() + " named twice");
            }
            capacity(b.limit()); // rejects a burst too large to count in millionths
        }
        Map<String, Row> rows = lock(c, dialect, keys);
        if (rows.size() < keys.size()) {
            create(c, dialect, buckets, rows.keySet());
            rows = lock(c, dialect, keys);
        }
        long now = now(c, dialect);
        long granted = n;
        int limiting = -1;
        long[] levels = new long[buckets.size()];
        for (int i = 0; i < buckets.size(); i++) {
            Row row = Objects.requireNonNull(rows.get(buckets.get(i).key()), "bucket row");
            levels[i] = level(row, now, buckets.get(i).limit());
            long whole = levels[i] / MICRO;
            if (whole < granted) {
                granted = whole;
                limiting = i;
            }
        }
        if (granted > 0) {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE rate_buckets SET tokens = ?, updated_at = ? WHERE bucket = ?")) {
                for (int i = 0; i < buckets.size(); i++) {
                    String key = buckets.get(i).key();
                    s.setLong(1, levels[i] - granted * MICRO);
                    s.setLong(2, Math.max(now, rows.get(key).updatedAt()));
                    s.setString(3, key);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        if (limiting < 0) {
            return Grant.all(n);
        }
        RateBucket short_ = buckets.get(limiting);
        long missing = MICRO - (levels[limiting] - granted * MICRO);
        return Grant.partial(granted, Duration.ofNanos(1000 * micros(missing, short_.limit())),
                short_.label());
    }

    /**
     * The bucket's tokens (millionths) at {@code now}: the stored tokens plus {@code rate x
     * elapsed}, rounded down, capped at the burst (also when the burst was lowered since). A
     * clock that went backwards refills nothing.
     */
    static long level(long tokens, long updatedAt, long now, RateLimit limit) {
        long cap = capacity(limit);
        if (tokens >= cap) {
            return cap;
        }
        long elapsed = now - updatedAt;
        if (elapsed <= 0) {
            return Math.max(0, tokens);
        }
        long missing = cap - Math.max(0, tokens);
        if (elapsed >= micros(missing, limit)) {
            return cap;
        }
        // elapsed x rate < missing x 1000 <= burst x 10^9 x 1000: no overflow below the cap's check
        return Math.max(0, tokens) + elapsed * milliRate(limit) / 1000;
    }

    private static long level(Row row, long now, RateLimit limit) {
        return level(row.tokens(), row.updatedAt(), now, limit);
    }

    /** Microseconds until {@code missing} millionths have been refilled (rounded up). */
    static long micros(long missing, RateLimit limit) {
        long rate = milliRate(limit);
        return Math.max(1, -Math.floorDiv(-missing * 1000, rate));
    }

    /** Tokens per 1,000 seconds: the rate to a thousandth, as {@code TokenBucket.perSecond} keeps it. */
    static long milliRate(RateLimit limit) {
        return Math.max(1, Math.round(limit.ratePerSecond() * 1000));
    }

    /** The burst in millionths of a token. */
    static long capacity(RateLimit limit) {
        if (limit.burst() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a shared bucket's burst is at most "
                    + Integer.MAX_VALUE + ": " + limit.burst());
        }
        return limit.burst() * MICRO;
    }

    private static Map<String, Row> lock(Connection c, Dialect dialect, Set<String> keys)
            throws SQLException {
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        String marks = String.join(", ", java.util.Collections.nCopies(sorted.size(), "?"));
        Map<String, Row> rows = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT bucket, tokens, updated_at"
                + " FROM rate_buckets WHERE bucket IN (" + marks + ") ORDER BY bucket"
                + dialect.headLockSuffix())) {
            for (int i = 0; i < sorted.size(); i++) {
                s.setString(i + 1, sorted.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getString(1), new Row(r.getLong(2), r.getLong(3)));
                }
            }
        }
        return rows;
    }

    /** New buckets start full; a row another instance created meanwhile is kept as it is. */
    private static void create(Connection c, Dialect dialect, List<RateBucket> buckets,
            Set<String> existing) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO rate_buckets (bucket, tokens,"
                + " updated_at) VALUES (?, ?, " + dialect.nowMicros() + ")"
                + " ON CONFLICT (bucket) DO NOTHING")) {
            for (RateBucket b : buckets) {
                if (!existing.contains(b.key())) {
                    s.setString(1, b.key());
                    s.setLong(2, capacity(b.limit()));
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    private static long now(Connection c, Dialect dialect) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + dialect.nowMicros());
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
