package dev.trustline.signer.store;

import java.time.Instant;

/**
 * A certificate a device held before a re-issue ({@code device_certificates} row).
 *
 * @param deviceId the device
 * @param serialHex its serial
 * @param fingerprintSha256 its SHA-256
 * @param issuedAt when it was issued
 * @param supersededAt when the re-issue replaced it
 * @param supersededBy the fingerprint of the certificate that replaced it
 * @param revoked true if the re-issue asked for it to be revoked
 */
public record PreviousCertificate(String deviceId, String serialHex, String fingerprintSha256,
        Instant issuedAt, Instant supersededAt, String supersededBy, boolean revoked) {
}
