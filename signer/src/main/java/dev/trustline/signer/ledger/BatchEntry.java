package dev.trustline.signer.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code batch}: a station registered a batch. The entry's time is the batch's
 * {@code created_at}.
 */
public record BatchEntry(String batchId, String station, String policyId, String contentSha256,
        int lines) implements Payload {

    public static final String TYPE = "batch";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ObjectNode json() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("batchId", batchId);
        p.put("station", station);
        p.put("policyId", policyId);
        p.put("contentSha256", contentSha256);
        p.put("lines", lines);
        return p;
    }

    static BatchEntry read(Fields f) throws LedgerProblem {
        BatchEntry e = new BatchEntry(f.text("batchId"), f.text("station"), f.text("policyId"),
                f.sha256("contentSha256"), f.positive("lines"));
        f.done();
        return e;
    }
}
