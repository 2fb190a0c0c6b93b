package dev.trustline.signer.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The payloads of the ledger's entry types. Field names are part of the ledger format: add
 * fields freely, never rename or drop one.
 *
 * <ul>
 *   <li>{@code issued}: batchId, line, deviceId, station, operator, policyId, policyVersion,
 *       serial, fingerprint, issuerFingerprint, sku, hwRev; for a re-issue also reissue (true),
 *       previousFingerprint and revokePrevious;
 *   <li>{@code refused}: batchId, line, station, operator, code, message, and deviceId and
 *       policyId when known; when a signed certificate was discarded by the commit's re-checks,
 *       also discardedSerial and discardedFingerprint.
 * </ul>
 */
final class LedgerPayloads {

    static final String ISSUED = "issued";
    static final String REFUSED = "refused";

    private LedgerPayloads() {
    }

    static ObjectNode issued(String batchId, IssuedDevice d, String previousFingerprint) {
        return issued(batchId, d, previousFingerprint, null);
    }

    /** {@code kept}: for a re-enrolment, the lifecycle state the device keeps (recorded, so the state is bound). */
    static ObjectNode issued(String batchId, IssuedDevice d, String previousFingerprint, DeviceState kept) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("batchId", batchId);
        p.put("line", d.lineNo());
        p.put("deviceId", d.deviceId());
        p.put("station", d.station());
        p.put("operator", d.operator());
        p.put("policyId", d.policyId());
        p.put("policyVersion", d.policyVersion());
        p.put("serial", d.serialHex());
        p.put("fingerprint", d.fingerprintSha256());
        p.put("issuerFingerprint", d.issuerFingerprint());
        p.put("sku", d.sku());
        p.put("hwRev", d.hwRev());
        if (previousFingerprint != null) {
            p.put("reissue", true);
            p.put("previousFingerprint", previousFingerprint);
            p.put("revokePrevious", d.revokePrevious());
        }
        if (kept != null) {
            p.put("reenrolment", true);
            p.put("state", kept.code());
        }
        return p;
    }

    static ObjectNode refused(String batchId, Refusal r, IssuedDevice discarded) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("batchId", batchId);
        p.put("line", r.lineNo());
        if (r.deviceId() != null) {
            p.put("deviceId", r.deviceId());
        }
        p.put("station", r.station());
        p.put("operator", r.operator());
        if (r.policyId() != null) {
            p.put("policyId", r.policyId());
        }
        p.put("code", r.code());
        p.put("message", r.message());
        if (discarded != null) {
            p.put("discardedSerial", discarded.serialHex());
            p.put("discardedFingerprint", discarded.fingerprintSha256());
        }
        return p;
    }
}
