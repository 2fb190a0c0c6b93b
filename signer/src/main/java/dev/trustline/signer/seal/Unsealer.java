package dev.trustline.signer.seal;

import dev.trustline.core.quorum.ActivationSecret;
import dev.trustline.core.quorum.Approval;
import dev.trustline.core.quorum.ApprovalSubject;
import dev.trustline.core.quorum.QuorumCheck;
import dev.trustline.core.quorum.QuorumException;
import dev.trustline.core.quorum.Roster;
import dev.trustline.core.quorum.RosterOfficer;
import dev.trustline.core.quorum.ShamirSplit;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sealed signer's side of the unseal: a fresh challenge per attempt; M distinct roster officers must
 * sign it with their cards' approval keys and bring their own shares; the shares rebuild the activation
 * secret, checked against the roster's check value before the HSM is touched. The PIN exists only in memory.
 */
final class Unsealer {
    static final String STEP = "unseal";

    private final Roster roster;
    private final SecureRandom random = new SecureRandom();
    private byte[] challenge;

    Unsealer(Roster roster) {
        this.roster = roster;
        next();
    }

    /** The result of a successful unseal: the token PIN (the caller wipes it) and who brought their shares. */
    record Opened(char[] pin, Set<String> officers) {
    }

    synchronized String challengeHex() {
        return HexFormat.of().formatHex(challenge);
    }

    Roster roster() {
        return roster;
    }

    /** Checks the offers against the current challenge (which is then spent, success or not). */
    synchronized Opened open(List<UnsealOffer> offers) throws QuorumException {
        ApprovalSubject subject = new ApprovalSubject(roster.sha256Hex(), STEP, challenge);
        next();
        List<Approval> approvals = new ArrayList<>();
        for (UnsealOffer o : offers) {
            approvals.add(new Approval(o.officer(), subject.digestHex(), o.signatureBase64()));
        }
        Set<String> officers = QuorumCheck.verify(roster, subject, approvals);
        Map<Integer, byte[]> shares = new HashMap<>();
        for (UnsealOffer o : offers) {
            RosterOfficer officer = roster.officer(o.officer()).orElseThrow();
            if (officer.shareIndex() != o.shareIndex()) {
                throw new QuorumException("officer '" + o.officer() + "' brought share " + o.shareIndex() + ", the roster gives them "
                        + officer.shareIndex());
            }
            shares.put(o.shareIndex(), o.share());
        }
        byte[] joined = ShamirSplit.joinVerified(shares, roster.threshold(), roster.activationCheck());
        try (ActivationSecret secret = ActivationSecret.of(joined)) {
            return new Opened(secret.toPin(), officers);
        } finally {
            Arrays.fill(joined, (byte) 0);
        }
    }

    private void next() {
        challenge = new byte[32];
        random.nextBytes(challenge);
    }
}
