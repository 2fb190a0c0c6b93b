package dev.trustline.signer.store;

import java.time.Instant;

/**
 * One entry of an issuer's CRL as the registry holds it: only what the CRL lists (a {@link RevokedRow}
 * without the device and the fingerprint, which a CRL of a million entries need not read).
 *
 * @param reasonCode the RFC 5280 CRLReason value
 */
public record RevokedSerial(String serialHex, Instant revokedAt, int reasonCode) {
}
