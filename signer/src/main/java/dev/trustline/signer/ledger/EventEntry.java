package dev.trustline.signer.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An operational entry that binds no registry row (for now "unseal": who unsealed the signer):
 * chained and covered by checkpoints like every entry; its payload is kept as written. Only the
 * types in {@link #TYPES} are accepted.
 */
public record EventEntry(String type, ObjectNode payload) implements Payload {

    /** The operational entry types a ledger may hold. */
    public static final java.util.Set<String> TYPES = java.util.Set.of("unseal");

    public EventEntry {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("not an operational entry type: " + type);
        }
        payload = payload.deepCopy();
    }

    @Override
    public ObjectNode json() {
        return payload.deepCopy();
    }
}
