package dev.trustline.core.quorum;

import java.util.List;

/**
 * What enrolment produced: the roster (not yet final, see {@link Enrolment#verifyAllCardsUnlock}),
 * one card per officer in the order given, and the activation secret (to become the token's user
 * PIN). {@link #close()} wipes the secret.
 */
public record EnrolmentResult(Roster roster, List<OfficerCard> cards, ActivationSecret activationSecret)
        implements AutoCloseable {
    public EnrolmentResult {
        cards = List.copyOf(cards);
    }

    @Override
    public void close() {
        activationSecret.wipe();
    }
}
