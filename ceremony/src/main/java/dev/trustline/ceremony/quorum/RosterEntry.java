package dev.trustline.ceremony.quorum;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.quorum.Roster;
import dev.trustline.core.quorum.RosterOfficer;

/**
 * The transcript's record of a roster: its SHA-256 (of the officers.json bytes) and what an auditor
 * needs to check approvals without the file: threshold and each officer's approval public key.
 */
public final class RosterEntry {
    private RosterEntry() {
    }

    public static ObjectNode payload(String tokenName, Roster roster) {
        ObjectNode p = Transcript.payload().put("token", tokenName).put("roster-id", roster.rosterId())
                .put("roster-sha256", roster.sha256Hex()).put("token-label", roster.tokenLabel())
                .put("environment", roster.environment().configName()).put("threshold", roster.threshold());
        ArrayNode officers = p.putArray("officers");
        for (RosterOfficer o : roster.officers()) {
            officers.addObject().put("id", o.id()).put("name", o.name()).put("share-index", o.shareIndex())
                    .put("approval-public-key", o.approvalPublicKey());
        }
        return p;
    }
}
