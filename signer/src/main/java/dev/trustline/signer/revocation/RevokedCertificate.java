package dev.trustline.signer.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the device CRL: a certificate's serial, when it was revoked and why.
 *
 * @param serial the certificate's serial number
 * @param revokedAt the revocation time (whole seconds are written)
 * @param reason the RFC 5280 reason
 */
public record RevokedCertificate(BigInteger serial, Instant revokedAt, RevocationReason reason) {
    public RevokedCertificate {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(reason, "reason");
    }

    /** From a serial in hex as the registry stores it. */
    public static RevokedCertificate of(String serialHex, Instant revokedAt, RevocationReason reason) {
        return new RevokedCertificate(new BigInteger(serialHex, 16), revokedAt, reason);
    }
}
