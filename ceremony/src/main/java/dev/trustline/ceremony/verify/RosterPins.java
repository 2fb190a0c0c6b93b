package dev.trustline.ceremony.verify;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.quorum.Roster;
import dev.trustline.core.quorum.RosterOfficer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The auditor's own copies of the rosters (verify --roster). Their keys and thresholds, not the
 * transcript's copy, are what approvals are checked against, so a forger who rewrites the roster entry
 * (even keeping its recorded SHA-256) and re-hashes the chain is caught.
 */
final class RosterPins {
    private RosterPins() {
    }

    static Map<String, ApprovalAudit.RosterKeys> load(List<Path> files) throws TrustLineException {
        Map<String, ApprovalAudit.RosterKeys> pinned = new HashMap<>();
        for (Path file : files) {
            Roster r = Roster.read(file);
            pinned.put(r.rosterId(), new ApprovalAudit.RosterKeys(r.rosterId(), r.sha256Hex(), r.threshold(), keys(r, file), file.toString()));
        }
        return pinned;
    }

    private static Map<String, PublicKey> keys(Roster r, Path file) throws TrustLineException {
        Map<String, PublicKey> keys = new HashMap<>();
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            for (RosterOfficer o : r.officers()) {
                keys.put(o.id(), kf.generatePublic(new X509EncodedKeySpec(o.approvalPublicKeyBytes())));
            }
        } catch (GeneralSecurityException e) {
            throw new TrustLineException("roster " + file + ": an officer key does not parse", e);
        }
        return Map.copyOf(keys);
    }
}
