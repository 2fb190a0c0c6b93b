package dev.trustline.signer.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Base64;

/**
 * What one officer hands the sealed signer: their Shamir share (index and bytes) and an Ed25519 signature
 * by their card's approval key over the signer's one-time challenge, which tells the signer who it was.
 */
record UnsealOffer(String officer, int shareIndex, byte[] share, String signatureBase64) {

    ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("officer", officer).put("share-index", shareIndex)
                .put("share", Base64.getEncoder().encodeToString(share)).put("signature", signatureBase64);
    }

    static UnsealOffer fromJson(JsonNode n) {
        if (!n.path("officer").isTextual() || !n.path("share-index").canConvertToInt() || !n.path("share").isTextual()
                || !n.path("signature").isTextual()) {
            throw new IllegalArgumentException("each offer needs officer, share-index, share and signature");
        }
        return new UnsealOffer(n.get("officer").asText(), n.get("share-index").asInt(), Base64.getDecoder().decode(n.get("share").asText()),
                n.get("signature").asText());
    }

    void wipe() {
        Arrays.fill(share, (byte) 0);
    }

    @Override
    public String toString() {
        return "UnsealOffer[officer=" + officer + ", share-index=" + shareIndex + "]";
    }
}
