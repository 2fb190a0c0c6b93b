package dev.trustline.signer.store;

/**
 * The committed result of one batch line.
 *
 * @param batchId the batch
 * @param lineNo the line, counting from 1
 * @param deviceId the device, or null if the line named none
 * @param status issued or refused
 * @param errorCode the refusal code, null when issued
 * @param message the refusal message, null when issued
 * @param serialHex the certificate serial when issued, else null
 * @param fingerprintSha256 the certificate's SHA-256 when issued, else null
 * @param certificateDer the certificate when issued, else null; copied in and out
 */
public record BatchResultRow(String batchId, int lineNo, String deviceId, LineStatus status,
        String errorCode, String message, String serialHex, String fingerprintSha256,
        byte[] certificateDer) {

    public BatchResultRow {
        certificateDer = certificateDer == null ? null : certificateDer.clone();
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer == null ? null : certificateDer.clone();
    }

    static BatchResultRow issued(String batchId, IssuedDevice d) {
        return new BatchResultRow(batchId, d.lineNo(), d.deviceId(), LineStatus.ISSUED, null, null,
                d.serialHex(), d.fingerprintSha256(), d.der());
    }

    static BatchResultRow refused(String batchId, int lineNo, String deviceId, String code,
            String message) {
        return new BatchResultRow(batchId, lineNo, deviceId, LineStatus.REFUSED, code, message,
                null, null, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchResultRow r && batchId.equals(r.batchId) && lineNo == r.lineNo
                && java.util.Objects.equals(deviceId, r.deviceId) && status == r.status
                && java.util.Objects.equals(errorCode, r.errorCode)
                && java.util.Objects.equals(message, r.message)
                && java.util.Objects.equals(serialHex, r.serialHex)
                && java.util.Objects.equals(fingerprintSha256, r.fingerprintSha256)
                && java.util.Arrays.equals(certificateDer, r.certificateDer);
    }

    @Override
    public int hashCode() {
        return batchId.hashCode() * 31 + lineNo;
    }

    @Override
    public String toString() {
        return "line " + lineNo + " " + deviceId + ": " + status.code()
                + (errorCode == null ? " " + fingerprintSha256 : " " + errorCode + " (" + message + ")");
    }
}
