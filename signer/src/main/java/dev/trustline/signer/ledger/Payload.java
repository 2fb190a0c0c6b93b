package dev.trustline.signer.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.chain.CanonicalJson;

/**
 * The typed payload of one ledger entry. Each kind is a record that knows its entry type, its
 * JSON (field names are the ledger format: add optional fields freely, never rename or drop
 * one) and, in {@link Payloads#decode}, how to read itself back strictly. A new kind of entry is
 * a new record here, a case in {@link Payloads#decode} and a rule in {@link Replay}.
 */
public sealed interface Payload permits BatchEntry, IssuedEntry, RefusedEntry, CheckpointEntry,
        TransitionEntry, RevokedEntry, CrlEntry, EventEntry {

    /** The entry type, e.g. "issued". */
    String type();

    /** The payload as a fresh JSON object. */
    ObjectNode json();

    /** The canonical JSON text, as stored and hashed. */
    default String canonical() {
        return CanonicalJson.encodeToString(json());
    }
}
