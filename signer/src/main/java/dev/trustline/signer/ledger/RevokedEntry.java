package dev.trustline.signer.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code revoked} (device lifecycle): the device's current certificate (fingerprint, serial,
 * issuer) was revoked from state {@code from} for {@code reason} (RFC 5280 {@code reasonCode}),
 * by {@code actor} in {@code role}; the device's state becomes "revoked".
 */
public record RevokedEntry(String deviceId, String fingerprint, String from, String serial,
        String issuerFingerprint, String reason, long reasonCode, String actor, String role,
        String comment) implements Payload {

    public static final String TYPE = "revoked";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ObjectNode json() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("deviceId", deviceId);
        p.put("fingerprint", fingerprint);
        p.put("from", from);
        p.put("serial", serial);
        p.put("issuerFingerprint", issuerFingerprint);
        p.put("reason", reason);
        p.put("reasonCode", reasonCode);
        p.put("actor", actor);
        p.put("role", role);
        p.put("comment", comment);
        return p;
    }

    static RevokedEntry read(Fields f) throws LedgerProblem {
        RevokedEntry e = new RevokedEntry(f.text("deviceId"), f.sha256("fingerprint"),
                f.text("from"), f.hex("serial"), f.sha256("issuerFingerprint"), f.text("reason"),
                f.integer("reasonCode"), f.text("actor"), f.text("role"), f.text("comment"));
        f.done();
        return e;
    }
}
