package dev.trustline.signer.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.chain.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code checkpoint}: the signer's signed statement "the ledger had {@code entries} entries
 * ending in {@code head} at {@code time}". It is itself the entry at seq {@code entries}, so its
 * prev is {@code head}. The signature is over {@link #signedBytes()}: the canonical JSON of
 * this payload without {@code signature}, whose first bytes are
 * <code>{"algorithm":</code> and whose {@code context} field is {@value #CONTEXT}; no X.509
 * structure (DER, first byte 0x30) the same key signs can be mistaken for it.
 *
 * @param signer the signer instance's name (configurable; the host name by default)
 * @param issuerFingerprint SHA-256 of the certificate whose key signed, {@code chain[0]}
 * @param chain that certificate then any intermediates up to (not including) the root, DER
 * @param algorithm the JCA signature name, e.g. SHA256withECDSA
 */
public record CheckpointEntry(long entries, String head, String time, String signer,
        String issuerFingerprint, List<byte[]> chain, String algorithm, byte[] signature)
        implements Payload {

    public static final String TYPE = "checkpoint";
    public static final String CONTEXT = "trustline-ledger-checkpoint-v1";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ObjectNode json() {
        return unsigned().put("signature", Base64.getEncoder().encodeToString(signature));
    }

    /** What the signature covers. */
    public byte[] signedBytes() {
        return CanonicalJson.encodeToString(unsigned()).getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode unsigned() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("context", CONTEXT);
        p.put("entries", entries);
        p.put("head", head);
        p.put("time", time);
        p.put("signer", signer);
        p.put("issuerFingerprint", issuerFingerprint);
        ArrayNode certs = p.putArray("chain");
        chain.forEach(c -> certs.add(Base64.getEncoder().encodeToString(c)));
        p.put("algorithm", algorithm);
        return p;
    }

    static CheckpointEntry read(Fields f) throws LedgerProblem {
        if (!CONTEXT.equals(f.text("context"))) {
            throw f.bad("context", "must be " + CONTEXT);
        }
        long entries = f.integer("entries");
        String head = f.sha256("head");
        String time = f.text("time");
        String signer = f.text("signer");
        String issuer = f.sha256("issuerFingerprint");
        List<byte[]> chain = new ArrayList<>();
        for (JsonNode c : f.array("chain")) {
            if (!c.isTextual()) {
                throw f.bad("chain", "must hold base64 strings");
            }
            try {
                chain.add(Base64.getDecoder().decode(c.textValue()));
            } catch (IllegalArgumentException e) {
                throw f.bad("chain", "must hold base64 strings");
            }
        }
        if (chain.isEmpty()) {
            throw f.bad("chain", "must hold the signing certificate");
        }
        String algorithm = f.text("algorithm");
        byte[] signature = f.base64("signature");
        f.done();
        return new CheckpointEntry(entries, head, time, signer, issuer, List.copyOf(chain),
                algorithm, signature);
    }
}
