package dev.trustline.core.quorum;

import java.security.PublicKey;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a step has its quorum: every approval must be by a roster officer, for the
 * expected digest, with a signature that verifies; each officer counts once; and at least the
 * roster's threshold of distinct officers must have approved.
 */
public final class QuorumCheck {
    private QuorumCheck() {
    }

    /** Verifies approvals of {@code subject}; returns the ids of the approving officers. */
    public static Set<String> verify(Roster roster, ApprovalSubject subject, List<Approval> approvals)
            throws QuorumException {
        return verify(roster, subject.stepId(), subject.digestHex(), approvals);
    }

    /** Verifies approvals of the digest {@code digestHex} of step {@code stepId}. */
    public static Set<String> verify(Roster roster, String stepId, String digestHex, List<Approval> approvals)
            throws QuorumException {
        if (!Bytes.isLowerHex(digestHex, 64)) {
            throw new QuorumException("step '" + stepId + "': the digest must be 64 lowercase hex digits");
        }
        Set<String> approvers = new TreeSet<>();
        for (Approval approval : approvals) {
            checkOne(roster, digestHex, approval);
            approvers.add(approval.officerId());
        }
        if (approvers.size() < roster.threshold()) {
            throw new QuorumException("step '" + stepId + "' has " + approvers.size() + " of the "
                    + roster.threshold() + " approvals it needs");
        }
        return Collections.unmodifiableSet(approvers);
    }

    private static void checkOne(Roster roster, String digestHex, Approval approval) throws QuorumException {
        String who = Ids.printable(approval.officerId());
        RosterOfficer officer = roster.officer(approval.officerId())
                .orElseThrow(() -> new QuorumException("approval by unknown officer '" + who + "'"));
        if (!digestHex.equals(approval.digestHex())) {
            throw new QuorumException("approval by '" + who + "' is for a different ceremony, step or content");
        }
        PublicKey key = Ed25519Keys.publicKey(officer.approvalPublicKeyBytes());
        if (key == null || !Ed25519Keys.verify(key, Bytes.unhex(digestHex), signature(approval))) {
            throw new QuorumException("approval by '" + who + "' does not verify");
        }
    }

    private static byte[] signature(Approval approval) {
        try {
            return Base64.getDecoder().decode(approval.signatureBase64() == null ? "" : approval.signatureBase64());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
