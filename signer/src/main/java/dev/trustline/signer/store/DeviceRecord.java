package dev.trustline.signer.store;

import java.time.Instant;

/** A device's registry row: its current certificate and state. */
public record DeviceRecord(String deviceId, String serialHex, String fingerprintSha256,
        String issuerFingerprint, String policyId, int policyVersion, String sku, String hwRev,
        String batchId, int lineNo, String station, String operator, Instant issuedAt,
        DeviceState state, byte[] certificateDer) {

    public DeviceRecord {
        certificateDer = certificateDer.clone();
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }
}
