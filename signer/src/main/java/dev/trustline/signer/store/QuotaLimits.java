package dev.trustline.signer.store;

/**
 * How many certificates a policy may issue: per UTC day and in total. Every certificate counts,
 * re-issues included.
 *
 * @param policyId the policy
 * @param perDay the most certificates in one UTC day, at least 0
 * @param total the most certificates ever, at least 0
 */
public record QuotaLimits(String policyId, long perDay, long total) {

    public QuotaLimits {
        Checks.text(policyId, "policyId");
        if (perDay < 0 || total < 0) {
            throw new IllegalArgumentException("quotas must not be negative");
        }
    }

    /** No limit for {@code policyId}. */
    public static QuotaLimits unlimited(String policyId) {
        return new QuotaLimits(policyId, Long.MAX_VALUE, Long.MAX_VALUE);
    }
}
