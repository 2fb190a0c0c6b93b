package dev.trustline.core.quorum;

import dev.trustline.core.Environment;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enrolment of an officer roster: a random activation secret, its M-of-N split, one sealed card
 * per officer and the roster. The roster is final only once {@link #verifyAllCardsUnlock} has
 * succeeded for every card as read back from the officers' media.
 */
public final class Enrolment {
    private Enrolment() {
    }

    public static EnrolmentResult enrol(EnrolmentRequest request, List<OfficerEnrolment> officers,
                                        SecureRandom random, Instant now) throws QuorumException {
        checkRequest(request, officers);
        String rosterId = Ids.newRosterId(random);
        ActivationSecret secret = ActivationSecret.generate(random);
        byte[] secretBytes = secret.bytes();
        Map<Integer, byte[]> shares = ShamirSplit.split(secretBytes, officers.size(), request.threshold(), random);
        Bytes.wipe(secretBytes);
        try {
            List<OfficerCard> cards = createCards(request.kdf(), officers, rosterId, shares, random);
            List<RosterOfficer> entries = new ArrayList<>();
            for (int i = 0; i < cards.size(); i++) {
                OfficerCard card = cards.get(i);
                entries.add(RosterOfficer.of(card.officerId(), card.officerName(), i + 1, card.approvalPublicKey()));
            }
            Roster roster = Roster.from(new RosterDraft(rosterId, request.tokenLabel(), request.environment(),
                    request.threshold(), entries, secret.checkHex(), now));
            return new EnrolmentResult(roster, cards, secret);
        } catch (QuorumException | RuntimeException e) {
            secret.wipe();
            throw e;
        } finally {
            shares.values().forEach(Bytes::wipe);
        }
    }

    /** One card per officer; officer i (from 0) gets share index i + 1. */
    private static List<OfficerCard> createCards(KdfParams kdf, List<OfficerEnrolment> officers, String rosterId,
                                                 Map<Integer, byte[]> shares, SecureRandom random)
            throws QuorumException {
        List<OfficerCard> cards = new ArrayList<>();
        for (int i = 0; i < officers.size(); i++) {
            OfficerEnrolment officer = officers.get(i);
            cards.add(OfficerCard.create(officer.id(), officer.name(), rosterId, i + 1, shares.get(i + 1),
                    officer.passphrase(), kdf, random));
        }
        return cards;
    }

    /** Fails fast, before any key derivation, on what the roster would refuse anyway. */
    private static void checkRequest(EnrolmentRequest request, List<OfficerEnrolment> officers) throws QuorumException {
        if (request.environment() == null) {
            throw new QuorumException("the environment must be production or test");
        }
        RosterValidator.checkThreshold(request.threshold(), officers.size(), request.environment());
        request.kdf().validateForEnvironment(request.environment() == Environment.PRODUCTION);
        Set<String> ids = new HashSet<>();
        for (OfficerEnrolment officer : officers) {
            Ids.checkOfficerId(officer.id());
            if (!ids.add(officer.id())) {
                throw new QuorumException("duplicate officer id '" + officer.id() + "'");
            }
        }
    }

    /**
     * Unlocks each card once with its officer's passphrase and checks it: it belongs to the roster
     * with the roster's public key, its approval key signs a random challenge that verifies, and
     * its share has the roster's index. Finally all shares must rebuild the activation secret.
     */
    public static void verifyAllCardsUnlock(Roster roster, List<OfficerCard> cards, PassphrasePrompt prompt)
            throws QuorumException {
        checkOneCardPerOfficer(roster, cards);
        Map<Integer, byte[]> shares = new HashMap<>();
        try {
            for (OfficerCard card : cards) {
                RosterOfficer officer = CardCheck.againstRoster(roster, card);
                shares.put(officer.shareIndex(), verifyCard(officer, card, prompt));
            }
            Bytes.wipe(ShamirSplit.joinVerified(shares, roster.threshold(), roster.activationCheck()));
        } finally {
            shares.values().forEach(Bytes::wipe);
        }
    }

    private static void checkOneCardPerOfficer(Roster roster, List<OfficerCard> cards) throws QuorumException {
        Set<String> seen = new HashSet<>();
        for (OfficerCard card : cards) {
            if (!seen.add(card.officerId())) {
                throw new QuorumException("more than one card for officer '" + Ids.printable(card.officerId()) + "'");
            }
        }
        for (RosterOfficer officer : roster.officers()) {
            if (!seen.contains(officer.id())) {
                throw new QuorumException("no card given for officer '" + officer.id() + "'");
            }
        }
    }

    /** Unlocks one card, checks key and share index, and returns a copy of its share. */
    private static byte[] verifyCard(RosterOfficer officer, OfficerCard card, PassphrasePrompt prompt)
            throws QuorumException {
        char[] passphrase = prompt.passphraseFor(card);
        try (UnlockedCard unlocked = card.unlock(passphrase)) {
            checkApprovalKey(officer, card, unlocked);
            if (unlocked.shareIndex() != officer.shareIndex()) {
                throw new QuorumException(card.describe() + ": share index " + unlocked.shareIndex()
                        + " is not the roster's " + officer.shareIndex());
            }
            return unlocked.share();
        } finally {
            Bytes.wipe(passphrase);
        }
    }

    private static void checkApprovalKey(RosterOfficer officer, OfficerCard card, UnlockedCard unlocked)
            throws QuorumException {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        PublicKey key = Ed25519Keys.publicKey(officer.approvalPublicKeyBytes());
        if (key == null || !Ed25519Keys.verify(key, challenge, unlocked.sign(challenge))) {
            throw new QuorumException(card.describe() + ": approval key does not sign for the roster's public key");
        }
    }
}
