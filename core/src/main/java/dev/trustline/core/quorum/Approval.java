package dev.trustline.core.quorum;

import java.util.Base64;

/**
 * One officer's approval: an Ed25519 signature (base64) by their approval key over the 32-byte
 * {@link ApprovalSubject#digest()} whose hex is {@code digestHex}. Checked by {@link QuorumCheck}.
 */
public record Approval(String officerId, String digestHex, String signatureBase64) {
    /** Signs {@code subject} with the officer's unlocked card. */
    public static Approval sign(UnlockedCard card, ApprovalSubject subject) {
        byte[] digest = subject.digest();
        byte[] signature = card.sign(digest);
        return new Approval(card.officerId(), Bytes.hex(digest), Base64.getEncoder().encodeToString(signature));
    }
}
