package dev.trustline.signer.revocation;

import java.time.Instant;

/**
 * What the registry knows of a serial under the issuing intermediate: never issued (unknown), issued and
 * not revoked (good), or revoked (when and why).
 */
public record SerialStatus(Kind kind, Instant revokedAt, RevocationReason reason) {
    public enum Kind { GOOD, REVOKED, UNKNOWN }

    public static final SerialStatus GOOD = new SerialStatus(Kind.GOOD, null, null);
    public static final SerialStatus UNKNOWN = new SerialStatus(Kind.UNKNOWN, null, null);

    public static SerialStatus revoked(Instant at, RevocationReason reason) {
        return new SerialStatus(Kind.REVOKED, at, reason);
    }
}
