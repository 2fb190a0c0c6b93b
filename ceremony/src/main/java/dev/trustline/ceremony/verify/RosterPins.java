package dev.trustline.ceremony.verify;

import dev.trustline.ceremony.verify.TranscriptAuditor.AuditFailure;
import dev.trustline.core.chain.ChainEntry;
import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The auditor's own copies of the rosters (verify --roster): each must be one the transcript recorded, byte for byte. */
final class RosterPins {
    private RosterPins() {
    }

    static void check(List<Path> files, Map<String, ApprovalAudit.RosterKeys> recorded, ChainEntry start) throws AuditFailure {
        for (Path file : files) {
            String sha;
            try {
                sha = Digests.sha256Hex(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new AuditFailure(start, "cannot read roster " + file);
            }
            boolean found = recorded.values().stream().anyMatch(r -> r.sha256().equals(sha));
            if (!found) {
                throw new AuditFailure(start, "roster " + file + " (sha256 " + sha + ") is not a roster this ceremony used");
            }
        }
    }
}
