package dev.trustline.core.chain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a hash chain. {@code hash} is the lower-case hex SHA-256 of the canonical
 * encoding ({@link CanonicalJson}) of the entry without its {@code hash} field; {@code prev} is
 * the previous entry's hash, or {@link #ZERO_HASH} for entry 0. The constructor checks the form
 * of each field, not that {@code hash} matches (see {@link #hashMatches()}).
 *
 * @param seq position in the chain, 0 for the first entry
 * @param time when the entry was written, UTC, whole milliseconds
 * @param type lower-case kebab-case entry type, e.g. "step-input"
 * @param payload the entry's data; copied in and out, so the entry stays immutable
 * @param prev the previous entry's hash, 64 lower-case hex digits
 * @param hash this entry's hash, 64 lower-case hex digits
 */
public record ChainEntry(long seq, Instant time, String type, ObjectNode payload, String prev,
        String hash) {

    /** The {@code prev} of entry 0: 64 zeros. */
    public static final String ZERO_HASH = "0".repeat(64);

    /** @throws IllegalArgumentException if a field is not in its allowed form */
    public ChainEntry {
        require(seq >= 0, "seq must not be negative: " + seq);
        require(EntryRules.isTime(time), "time must be whole milliseconds in years 0000-9999");
        require(EntryRules.isType(type), "type must be lower-case kebab-case: " + type);
        requireCanonical(Objects.requireNonNull(payload, "payload"));
        require(EntryRules.isHash(prev), "prev must be 64 lower-case hex digits");
        require(EntryRules.isHash(hash), "hash must be 64 lower-case hex digits");
        payload = payload.deepCopy();
    }

    /**
     * A new entry with its hash computed.
     *
     * @throws IllegalArgumentException if a field is not in its allowed form, e.g. the payload
     *     holds a floating point number (see {@link CanonicalJson})
     */
    public static ChainEntry create(long seq, Instant time, String type, ObjectNode payload,
            String prev) {
        ChainEntry draft = new ChainEntry(seq, time, type, payload, prev, ZERO_HASH);
        return new ChainEntry(seq, time, type, draft.payload, prev, draft.computeHash());
    }

    /** A copy of the payload. */
    @Override
    public ObjectNode payload() {
        return payload.deepCopy();
    }

    /** The entry without {@code hash}: what the hash covers. */
    public ObjectNode contentJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("seq", seq);
        json.put("time", EntryRules.formatTime(time));
        json.put("type", type);
        json.set("payload", payload.deepCopy());
        json.put("prev", prev);
        return json;
    }

    /** The whole entry as JSON, {@code hash} included. */
    public ObjectNode toJson() {
        return contentJson().put("hash", hash);
    }

    /** The hash recomputed from the other fields. */
    public String computeHash() {
        return CanonicalJson.sha256Hex(CanonicalJson.encode(contentJson()));
    }

    /** True if {@code hash} is the hash of the other fields. */
    public boolean hashMatches() {
        return hash.equals(computeHash());
    }

    /** The line written to the log: the canonical encoding of {@link #toJson()} and "\n". */
    public String toLine() {
        return CanonicalJson.encodeToString(toJson()) + "\n";
    }

    private static void requireCanonical(ObjectNode payload) {
        try {
            CanonicalJson.encode(payload);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("payload: " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
