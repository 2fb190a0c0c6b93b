package dev.trustline.signer.issuance;

import java.time.Instant;

/**
 * One parsed line of a batch (the AWS IoT bulk-registration shape): a device and its key request (CSR or CRMF),
 * and what the line says about how the device was made: firmware build id, provisioning spec version (empty if
 * not given) and manufacturing time (null if not given).
 */
public record DeviceLine(int lineNo, String deviceId, KeyRequest request, String sku, String hwRev,
                         String operator, boolean reissue, String firmwareBuild, String specVersion,
                         Instant manufacturedAt) {

    public DeviceLine(int lineNo, String deviceId, KeyRequest request, String sku, String hwRev,
                      String operator, boolean reissue) {
        this(lineNo, deviceId, request, sku, hwRev, operator, reissue, "", "", null);
    }
}
