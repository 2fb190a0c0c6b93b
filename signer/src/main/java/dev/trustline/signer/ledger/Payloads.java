package dev.trustline.signer.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.chain.CanonicalJson;

/** Reads a stored payload back into its typed record, strictly. */
public final class Payloads {

    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Payloads() {
    }

    /**
     * The typed payload of entry {@code seq}: {@code text} must be a JSON object in canonical
     * form whose fields are exactly those of {@code type}.
     */
    public static Payload decode(long seq, String type, String text) throws LedgerProblem {
        ObjectNode json = object(seq, text);
        Fields f = new Fields(seq, type, json);
        return switch (type) {
            case BatchEntry.TYPE -> BatchEntry.read(f);
            case IssuedEntry.TYPE -> IssuedEntry.read(f);
            case RefusedEntry.TYPE -> RefusedEntry.read(f);
            case CheckpointEntry.TYPE -> CheckpointEntry.read(f);
            case TransitionEntry.TYPE -> TransitionEntry.read(f);
            case RevokedEntry.TYPE -> RevokedEntry.read(f);
            case CrlEntry.TYPE -> CrlEntry.read(f);
            case "unseal" -> new EventEntry(type, json);
            default -> throw new LedgerProblem(seq, "ledger entry " + seq
                    + ": unknown entry type " + type);
        };
    }

    static ObjectNode object(long seq, String text) throws LedgerProblem {
        JsonNode json;
        try {
            json = text == null ? null : STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new LedgerProblem(seq, "ledger entry " + seq + ": payload is not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (json == null || !json.isObject()) {
            throw new LedgerProblem(seq, "ledger entry " + seq + ": payload is not a JSON object");
        }
        String canonical;
        try {
            canonical = CanonicalJson.encodeToString(json);
        } catch (IllegalArgumentException e) {
            throw new LedgerProblem(seq, "ledger entry " + seq + ": payload " + e.getMessage());
        }
        if (!canonical.equals(text)) {
            throw new LedgerProblem(seq, "ledger entry " + seq
                    + ": payload is not in canonical form");
        }
        return (ObjectNode) json;
    }
}
