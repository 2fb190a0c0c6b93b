package dev.trustline.signer.issuance;

/** One parsed line of a batch (the AWS IoT bulk-registration shape): a device and its key request (CSR or CRMF). */
public record DeviceLine(int lineNo, String deviceId, KeyRequest request, String sku, String hwRev,
                         String operator, boolean reissue) {
}
