package dev.trustline.core.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy signature that checked out: the trusted root signed these exact policy bytes at
 * {@code signingTime} (from the signed signing-time attribute).
 *
 * @param policySha256 lowercase hex SHA-256 of the policy bytes that were verified
 * @param signer       the trusted root's subject, for logs
 */
public record VerifiedPolicySignature(Instant signingTime, String policySha256, String signer) {
    public VerifiedPolicySignature {
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(policySha256, "policySha256");
        Objects.requireNonNull(signer, "signer");
    }
}
