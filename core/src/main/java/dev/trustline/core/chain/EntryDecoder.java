package dev.trustline.core.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Turns one parsed line into a {@link ChainEntry}, checking each field's form. */
final class EntryDecoder {

    private EntryDecoder() {
    }

    /** The entry {@code json} spells, expected at position {@code seq} of the chain. */
    static ChainEntry decode(JsonNode json, long seq) throws ChainException {
        if (json == null || !json.isObject()) {
            throw new ChainException(seq, "not a JSON object");
        }
        checkFields(json, seq);
        checkSeq(json.get("seq"), seq);
        Instant time = EntryRules.parseTime(json.get("time").textValue());
        if (time == null) {
            throw new ChainException(seq, "time is not of the form 2026-11-25T10:31:02.123Z");
        }
        String type = json.get("type").textValue();
        if (!EntryRules.isType(type)) {
            throw new ChainException(seq, "type is not a lower-case kebab-case string");
        }
        if (!json.get("payload").isObject()) {
            throw new ChainException(seq, "payload is not a JSON object");
        }
        String prev = hashField(json, "prev", seq);
        String hash = hashField(json, "hash", seq);
        try {
            return new ChainEntry(seq, time, type, (ObjectNode) json.get("payload"), prev, hash);
        } catch (IllegalArgumentException e) {
            throw new ChainException(seq, e.getMessage());
        }
    }

    private static void checkFields(JsonNode json, long seq) throws ChainException {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        if (names.size() != EntryRules.FIELDS.size()
                || !new HashSet<>(names).containsAll(EntryRules.FIELDS)) {
            throw new ChainException(seq, "fields must be exactly "
                    + String.join(", ", EntryRules.FIELDS) + "; found " + String.join(", ", names));
        }
    }

    private static void checkSeq(JsonNode node, long seq) throws ChainException {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new ChainException(seq, "seq is not an integer");
        }
        if (node.longValue() != seq) {
            throw new ChainException(seq, "seq is " + node.longValue() + ", expected " + seq
                    + " (an entry is missing, repeated or out of order)");
        }
    }

    private static String hashField(JsonNode json, String field, long seq) throws ChainException {
        String value = json.get(field).textValue();
        if (!EntryRules.isHash(value)) {
            throw new ChainException(seq, field + " is not 64 lower-case hex digits");
        }
        return value;
    }
}
