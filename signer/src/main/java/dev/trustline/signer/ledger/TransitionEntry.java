package dev.trustline.signer.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code transition} (device lifecycle): the device's current certificate {@code fingerprint}
 * moved from state {@code from} to {@code to}, by {@code actor} in {@code role}, for
 * {@code reason}; {@code evidence} is the station's provisioning evidence, if any. Also read for
 * {@code revoked} entries' common fields (see {@link RevokedEntry}).
 */
public record TransitionEntry(String deviceId, String fingerprint, String from, String to,
        String actor, String role, String reason, ObjectNode evidence) implements Payload {

    public static final String TYPE = "transition";

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
        p.put("to", to);
        p.put("actor", actor);
        p.put("role", role);
        p.put("reason", reason);
        if (evidence != null) {
            p.set("evidence", evidence.deepCopy());
        }
        return p;
    }

    static TransitionEntry read(Fields f) throws LedgerProblem {
        String deviceId = f.text("deviceId");
        String fingerprint = f.sha256("fingerprint");
        String from = f.text("from");
        String to = f.text("to");
        String actor = f.text("actor");
        String role = f.text("role");
        String reason = f.text("reason");
        ObjectNode evidence = null;
        if (f.has("evidence")) {
            JsonNode e = f.any("evidence");
            if (!e.isObject()) {
                throw f.bad("evidence", "must be an object");
            }
            evidence = (ObjectNode) e;
        }
        f.done();
        return new TransitionEntry(deviceId, fingerprint, from, to, actor, role, reason, evidence);
    }
}
