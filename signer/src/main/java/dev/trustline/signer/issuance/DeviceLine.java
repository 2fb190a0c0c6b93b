package dev.trustline.signer.issuance;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** One parsed line of a batch (the AWS IoT bulk-registration shape): a device and its CSR. */
public record DeviceLine(int lineNo, String deviceId, PKCS10CertificationRequest csr, String sku, String hwRev,
                         String operator, boolean reissue) {
}
