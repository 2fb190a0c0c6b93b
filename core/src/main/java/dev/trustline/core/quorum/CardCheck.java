package dev.trustline.core.quorum;

import java.util.Arrays;

/** Checks, before unlocking, that a card belongs to a roster and meets its environment's KDF floor. */
public final class CardCheck {
    private CardCheck() {
    }

    /** Returns the roster entry of the card's officer, or throws naming the card. */
    public static RosterOfficer againstRoster(Roster roster, OfficerCard card) throws QuorumException {
        if (!roster.rosterId().equals(card.rosterId())) {
            throw new QuorumException(card.describe() + " belongs to roster " + Ids.printable(card.rosterId())
                    + ", not to roster " + roster.rosterId());
        }
        RosterOfficer officer = roster.officer(card.officerId()).orElseThrow(() -> new QuorumException(
                card.describe() + ": officer is not on roster " + roster.rosterId()));
        if (!Arrays.equals(officer.approvalPublicKeyBytes(), card.approvalPublicKey())) {
            throw new QuorumException(card.describe() + ": approval public key differs from the roster's");
        }
        try {
            card.kdf().validateForEnvironment(roster.isProduction());
        } catch (QuorumException e) {
            throw new QuorumException(card.describe() + ": " + e.getMessage());
        }
        return officer;
    }
}
