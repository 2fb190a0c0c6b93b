package dev.trustline.signer.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code refused}: a line of a batch that got no certificate, with the code and message the
 * station was answered; deviceId and policyId when known; discardedSerial and
 * discardedFingerprint when the HSM had signed a certificate that the commit's re-checks threw
 * away.
 */
public record RefusedEntry(String batchId, int line, String deviceId, String station,
        String operator, String policyId, String code, String message, String discardedSerial,
        String discardedFingerprint) implements Payload {

    public static final String TYPE = "refused";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ObjectNode json() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("batchId", batchId);
        p.put("line", line);
        putIf(p, "deviceId", deviceId);
        p.put("station", station);
        p.put("operator", operator);
        putIf(p, "policyId", policyId);
        p.put("code", code);
        p.put("message", message);
        putIf(p, "discardedSerial", discardedSerial);
        putIf(p, "discardedFingerprint", discardedFingerprint);
        return p;
    }

    static RefusedEntry read(Fields f) throws LedgerProblem {
        RefusedEntry e = new RefusedEntry(f.text("batchId"), f.positive("line"),
                f.optText("deviceId"), f.text("station"), f.text("operator"),
                f.optText("policyId"), f.text("code"), f.text("message"),
                f.optText("discardedSerial"), f.optSha256("discardedFingerprint"));
        f.done();
        return e;
    }

    private static void putIf(ObjectNode p, String name, String value) {
        if (value != null) {
            p.put(name, value);
        }
    }
}
