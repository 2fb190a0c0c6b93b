package dev.trustline.core.policy;

import java.util.Objects;

/**
 * How fast and how much the signer may issue under a policy: token buckets per station and for the whole
 * policy, a count per UTC day and a count for the policy's lifetime.
 */
public record Limits(Rate perStation, Rate perPolicy, long perDay, long total) {
    public Limits {
        Objects.requireNonNull(perStation, "perStation");
        Objects.requireNonNull(perPolicy, "perPolicy");
        if (perDay < 1 || total < 1 || perDay > total) {
            throw new IllegalArgumentException("limits need 1 <= per-day <= total");
        }
    }

    /** A token bucket: refilled at {@code ratePerSecond}, holding at most {@code burst} tokens. */
    public record Rate(int ratePerSecond, int burst) {
        public Rate {
            if (ratePerSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("rate-per-second and burst must be at least 1");
            }
        }
    }
}
