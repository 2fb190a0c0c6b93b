package dev.trustline.signer.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code crl} (device lifecycle): a device CRL was signed and published; sha256 of its DER. */
public record CrlEntry(String issuerFingerprint, long number, String thisUpdate,
        String nextUpdate, long entries, String sha256) implements Payload {

    public static final String TYPE = "crl";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ObjectNode json() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("issuerFingerprint", issuerFingerprint);
        p.put("number", number);
        p.put("thisUpdate", thisUpdate);
        p.put("nextUpdate", nextUpdate);
        p.put("entries", entries);
        p.put("sha256", sha256);
        return p;
    }

    static CrlEntry read(Fields f) throws LedgerProblem {
        CrlEntry e = new CrlEntry(f.sha256("issuerFingerprint"), f.integer("number"),
                f.text("thisUpdate"), f.text("nextUpdate"), f.integer("entries"),
                f.sha256("sha256"));
        f.done();
        return e;
    }
}
