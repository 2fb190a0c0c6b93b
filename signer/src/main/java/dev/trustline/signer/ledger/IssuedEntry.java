package dev.trustline.signer.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * {@code issued}: a certificate committed for one line of a batch, with every value the
 * registry stores for it (the entry's time is {@code issued_at}) and the certificate itself
 * (base64 DER), so the export alone proves what was issued. A re-issue also names the
 * certificate it replaces and whether that one is to be revoked; a re-enrolment (EST
 * simplereenroll, CMP kur) is a re-issue that keeps the device's lifecycle state, recorded as
 * {@code reenrolment: true} and {@code state}.
 */
public record IssuedEntry(String batchId, int line, String deviceId, String station,
        String operator, String policyId, long policyVersion, String serial, String fingerprint,
        String issuerFingerprint, String sku, String hwRev, byte[] certificate,
        String previousFingerprint, boolean revokePrevious, String keptState) implements Payload {

    public static final String TYPE = "issued";

    /** True if this certificate replaced the device's earlier one. */
    public boolean reissue() {
        return previousFingerprint != null;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ObjectNode json() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("batchId", batchId);
        p.put("line", line);
        p.put("deviceId", deviceId);
        p.put("station", station);
        p.put("operator", operator);
        p.put("policyId", policyId);
        p.put("policyVersion", policyVersion);
        p.put("serial", serial);
        p.put("fingerprint", fingerprint);
        p.put("issuerFingerprint", issuerFingerprint);
        p.put("sku", sku);
        p.put("hwRev", hwRev);
        p.put("certificate", Base64.getEncoder().encodeToString(certificate));
        if (reissue()) {
            p.put("reissue", true);
            p.put("previousFingerprint", previousFingerprint);
            p.put("revokePrevious", revokePrevious);
        }
        if (keptState != null) {
            p.put("reenrolment", true);
            p.put("state", keptState);
        }
        return p;
    }

    static IssuedEntry read(Fields f) throws LedgerProblem {
        String batchId = f.text("batchId");
        int line = f.positive("line");
        String deviceId = f.text("deviceId");
        String station = f.text("station");
        String operator = f.text("operator");
        String policyId = f.text("policyId");
        long policyVersion = f.integer("policyVersion");
        String serial = f.hex("serial");
        String fingerprint = f.sha256("fingerprint");
        String issuer = f.sha256("issuerFingerprint");
        String sku = f.text("sku");
        String hwRev = f.text("hwRev");
        byte[] certificate = f.base64("certificate");
        Boolean reissue = f.optBool("reissue");
        if (reissue != null && !reissue) {
            throw f.bad("reissue", "must be true when present");
        }
        String previous = reissue == null ? null : f.sha256("previousFingerprint");
        boolean revoke = reissue != null && f.bool("revokePrevious");
        Boolean reenrolment = f.optBool("reenrolment");
        if (reenrolment != null && (!reenrolment || previous == null)) {
            throw f.bad("reenrolment", "must be true, and only on a re-issue");
        }
        String kept = reenrolment == null ? null : f.text("state");
        f.done();
        return new IssuedEntry(batchId, line, deviceId, station, operator, policyId,
                policyVersion, serial, fingerprint, issuer, sku, hwRev, certificate, previous,
                revoke, kept);
    }
}
