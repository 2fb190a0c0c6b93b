package dev.trustline.signer.issuance;

import java.time.Instant;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * One parsed line of a batch (the AWS IoT bulk-registration shape): a device and its CSR, and what the line
 * says about how the device was made: firmware build id, provisioning spec version (empty if not given) and
 * manufacturing time (null if not given).
 */
public record DeviceLine(int lineNo, String deviceId, PKCS10CertificationRequest csr, String sku, String hwRev,
                         String operator, boolean reissue, String firmwareBuild, String specVersion,
                         Instant manufacturedAt) {

    public DeviceLine(int lineNo, String deviceId, PKCS10CertificationRequest csr, String sku, String hwRev,
                      String operator, boolean reissue) {
        this(lineNo, deviceId, csr, sku, hwRev, operator, reissue, "", "", null);
    }
}
