package dev.trustline.signer.store;

import java.util.Arrays;

/**
 * A certificate the HSM signed for one line of a batch, to be committed by
 * {@link Store#commitChunk}. Hex fields are stored in lower case.
 *
 * @param deviceId the device's identifier (the registry key)
 * @param serialHex the certificate serial number, hexadecimal
 * @param fingerprintSha256 SHA-256 of {@code certificateDer}, 64 hex digits; checked here
 * @param issuerFingerprint SHA-256 of the issuing CA certificate
 * @param policyId the policy the certificate was issued under; must equal the chunk's quota
 *     policy
 * @param policyVersion that policy's version
 * @param sku product SKU (may be empty, not null)
 * @param hwRev hardware revision (may be empty, not null)
 * @param station the factory station that submitted the line
 * @param operator the operator logged in at that station
 * @param lineNo the line of the batch, counting from 1
 * @param certificateDer the certificate; copied in and out
 * @param reissue true if the device may already hold a certificate that this one replaces
 *     (refurbishment); false means an existing device makes this line {@code duplicate-device}
 * @param revokePrevious with {@code reissue}: mark the replaced certificate revoked in its
 *     history row (revocation lists are built elsewhere from that flag)
 * @param reenrolFrom for a re-enrolment (EST simplereenroll, CMP kur), the fingerprint of the certificate the
 *     device presented, which must still be its current one at commit; the device keeps its lifecycle state.
 *     Null otherwise.
 * @param provenance firmware build, provisioning spec version, factory site and manufacturing time
 * @param publicKeySha256 SHA-256 (hex) of the certificate's DER SubjectPublicKeyInfo, for the key-reuse index; when
 *     null it is computed here from {@code certificateDer} (null again when that DER is no certificate, as in the
 *     store's own tests). The issuance path passes it from the signed certificate it already holds, so the commit
 *     does not parse every certificate again.
 */
public record IssuedDevice(String deviceId, String serialHex, String fingerprintSha256,
        String issuerFingerprint, String policyId, int policyVersion, String sku, String hwRev,
        String station, String operator, int lineNo, byte[] certificateDer, boolean reissue,
        boolean revokePrevious, Provenance provenance, String reenrolFrom, String publicKeySha256) {

    /** The key hash computed from the certificate. */
    public IssuedDevice(String deviceId, String serialHex, String fingerprintSha256,
            String issuerFingerprint, String policyId, int policyVersion, String sku, String hwRev,
            String station, String operator, int lineNo, byte[] certificateDer, boolean reissue,
            boolean revokePrevious, Provenance provenance, String reenrolFrom) {
        this(deviceId, serialHex, fingerprintSha256, issuerFingerprint, policyId, policyVersion, sku,
                hwRev, station, operator, lineNo, certificateDer, reissue, revokePrevious, provenance, reenrolFrom, null);
    }

    /** Without provenance (the line said nothing about firmware, spec version, site or time); not a re-enrolment. */
    public IssuedDevice(String deviceId, String serialHex, String fingerprintSha256,
            String issuerFingerprint, String policyId, int policyVersion, String sku, String hwRev,
            String station, String operator, int lineNo, byte[] certificateDer, boolean reissue,
            boolean revokePrevious) {
        this(deviceId, serialHex, fingerprintSha256, issuerFingerprint, policyId, policyVersion, sku,
                hwRev, station, operator, lineNo, certificateDer, reissue, revokePrevious, Provenance.NONE, null);
    }

    /** A first issue or a re-issue with provenance (not a re-enrolment). */
    public IssuedDevice(String deviceId, String serialHex, String fingerprintSha256,
            String issuerFingerprint, String policyId, int policyVersion, String sku, String hwRev,
            String station, String operator, int lineNo, byte[] certificateDer, boolean reissue,
            boolean revokePrevious, Provenance provenance) {
        this(deviceId, serialHex, fingerprintSha256, issuerFingerprint, policyId, policyVersion, sku,
                hwRev, station, operator, lineNo, certificateDer, reissue, revokePrevious, provenance, null);
    }

    /** @throws IllegalArgumentException if a field is missing or malformed */
    public IssuedDevice {
        Checks.text(deviceId, "deviceId");
        serialHex = Checks.hex(serialHex, "serialHex");
        fingerprintSha256 = Checks.sha256(fingerprintSha256, "fingerprintSha256");
        issuerFingerprint = Checks.sha256(issuerFingerprint, "issuerFingerprint");
        Checks.text(policyId, "policyId");
        if (policyVersion < 0) {
            throw new IllegalArgumentException("policyVersion must not be negative");
        }
        Checks.nonNull(sku, "sku");
        Checks.nonNull(hwRev, "hwRev");
        Checks.text(station, "station");
        Checks.text(operator, "operator");
        Checks.lineNo(lineNo);
        if (certificateDer == null || certificateDer.length == 0) {
            throw new IllegalArgumentException("certificateDer must not be empty");
        }
        certificateDer = certificateDer.clone();
        if (!Checks.fingerprintOf(certificateDer).equals(fingerprintSha256)) {
            throw new IllegalArgumentException("device " + deviceId
                    + ": fingerprintSha256 is not the SHA-256 of certificateDer");
        }
        provenance = provenance == null ? Provenance.NONE : provenance;
        publicKeySha256 = publicKeySha256 == null ? KeyIndex.hashOfCertificate(certificateDer)
                : Checks.sha256(publicKeySha256, "publicKeySha256");
        if (revokePrevious && !reissue) {
            throw new IllegalArgumentException("revokePrevious needs reissue");
        }
        if (reenrolFrom != null) {
            reenrolFrom = Checks.sha256(reenrolFrom, "reenrolFrom");
            if (!reissue || revokePrevious) {
                throw new IllegalArgumentException("a re-enrolment replaces the current certificate without revoking it");
            }
        }
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    byte[] der() {
        return certificateDer;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IssuedDevice d && deviceId.equals(d.deviceId)
                && fingerprintSha256.equals(d.fingerprintSha256) && lineNo == d.lineNo
                && serialHex.equals(d.serialHex) && issuerFingerprint.equals(d.issuerFingerprint)
                && policyId.equals(d.policyId) && policyVersion == d.policyVersion
                && sku.equals(d.sku) && hwRev.equals(d.hwRev) && station.equals(d.station)
                && operator.equals(d.operator) && Arrays.equals(certificateDer, d.certificateDer)
                && reissue == d.reissue && revokePrevious == d.revokePrevious
                && provenance.equals(d.provenance);
    }

    @Override
    public int hashCode() {
        return fingerprintSha256.hashCode() * 31 + lineNo;
    }

    @Override
    public String toString() {
        return "IssuedDevice[line " + lineNo + ", " + deviceId + ", serial " + serialHex
                + ", sha256 " + fingerprintSha256 + (reissue ? ", reissue" : "") + "]";
    }
}
