package dev.trustline.signer.store;

import java.time.Instant;

/**
 * A revoked certificate under an issuer: revoked on request ({@code revocations}) or superseded by a
 * re-issue that asked to revoke it ({@code device_certificates.revoked}, reason code 4, superseded).
 *
 * @param reasonCode the RFC 5280 CRLReason value
 */
public record RevokedRow(String deviceId, String serialHex, String fingerprintSha256, Instant revokedAt,
        int reasonCode) {
    /** RFC 5280 superseded. */
    public static final int SUPERSEDED = 4;
}
