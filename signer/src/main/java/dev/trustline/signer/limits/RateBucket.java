package dev.trustline.signer.limits;

import java.util.Objects;

/**
 * One bucket of a shared take: its key where the buckets are kept (scope and name, e.g.
 * {@code "policy:shenzhen-gateways-2026"}), its configured limit, and how a refusal names it.
 */
public record RateBucket(String key, RateLimit limit, String label) {

    public RateBucket {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(label, "label");
    }
}
