package dev.trustline.core.quorum;

import java.util.Base64;

/**
 * One officer of a roster: id, display name, the index of their Shamir share and their Ed25519
 * approval public key (X.509 SubjectPublicKeyInfo, base64). Checked by {@link Roster#from}.
 */
public record RosterOfficer(String id, String name, int shareIndex, String approvalPublicKey) {
    /** The decoded SubjectPublicKeyInfo bytes (empty when not valid base64). */
    public byte[] approvalPublicKeyBytes() {
        try {
            return Base64.getDecoder().decode(approvalPublicKey);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static RosterOfficer of(String id, String name, int shareIndex, byte[] spki) {
        return new RosterOfficer(id, name, shareIndex, Base64.getEncoder().encodeToString(spki));
    }
}
