package dev.trustline.signer.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The payloads of the lifecycle's ledger entry types (field names are part of the ledger format: add
 * freely, never rename or drop):
 * <ul>
 *   <li>{@code transition}: deviceId, fingerprint, from, to, actor, role, reason, and evidence (an object)
 *       when the change came with some (a station's provisioning evidence);
 *   <li>{@code revoked}: deviceId, fingerprint, serial, issuerFingerprint, from, reason (its name),
 *       reasonCode (RFC 5280), actor, role, comment;
 *   <li>{@code crl}: issuerFingerprint, number, thisUpdate, nextUpdate, entries, sha256 of the DER CRL.
 * </ul>
 * {@link LifecycleAudit} checks every such entry against the rows in both directions.
 */
final class LifecyclePayloads {
    static final String TRANSITION = "transition";
    static final String REVOKED = "revoked";
    static final String CRL = "crl";

    private LifecyclePayloads() {
    }

    static ObjectNode transition(DeviceRecord d, DeviceState to, String actor, String role, String reason,
            ObjectNode evidence) {
        ObjectNode p = base(d, actor, role);
        p.put("to", to.code());
        p.put("reason", reason);
        if (evidence != null) {
            p.set("evidence", evidence.deepCopy());
        }
        return p;
    }

    static ObjectNode revoked(DeviceRecord d, String reasonName, int reasonCode, String actor, String role,
            String comment) {
        ObjectNode p = base(d, actor, role);
        p.put("serial", d.serialHex());
        p.put("issuerFingerprint", d.issuerFingerprint());
        p.put("reason", reasonName);
        p.put("reasonCode", reasonCode);
        p.put("comment", comment);
        return p;
    }

    static ObjectNode crl(StoredCrl crl) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("issuerFingerprint", crl.issuerFingerprint());
        p.put("number", crl.number());
        p.put("thisUpdate", Times.format(crl.thisUpdate()));
        p.put("nextUpdate", Times.format(crl.nextUpdate()));
        p.put("entries", crl.entries());
        p.put("sha256", Checks.fingerprintOf(crl.der()));
        return p;
    }

    private static ObjectNode base(DeviceRecord d, String actor, String role) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("deviceId", d.deviceId());
        p.put("fingerprint", d.fingerprintSha256());
        p.put("from", d.state().code());
        p.put("actor", actor);
        p.put("role", role);
        return p;
    }
}
