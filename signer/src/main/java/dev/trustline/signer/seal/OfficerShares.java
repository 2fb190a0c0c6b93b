package dev.trustline.signer.seal;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.quorum.Approval;
import dev.trustline.core.quorum.ApprovalSubject;
import dev.trustline.core.quorum.CardCheck;
import dev.trustline.core.quorum.OfficerCard;
import dev.trustline.core.quorum.QuorumException;
import dev.trustline.core.quorum.Roster;
import dev.trustline.core.quorum.UnlockedCard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The officers' side of an unseal, on the signer host: each officer's card is opened with their passphrase
 * (a masked prompt, or a file in tests), signs the signer's challenge and gives up its share; the card is
 * wiped at once. A card that does not open is skipped with a line saying so, never with what was typed.
 */
public final class OfficerShares {
    /** Where an officer's passphrase comes from; the caller of {@link #collect} wipes nothing, this does. */
    public interface Passphrases {
        char[] passphrase(String officerId) throws TrustLineException;
    }

    private OfficerShares() {
    }

    /** One offer per card that opened; {@code notes} receives a line per card that did not. */
    static List<UnsealOffer> collect(Roster roster, String challengeHex, List<Path> cards, Passphrases passphrases,
                                     List<String> notes) throws TrustLineException {
        ApprovalSubject subject = new ApprovalSubject(roster.sha256Hex(), Unsealer.STEP, HexFormat.of().parseHex(challengeHex));
        List<UnsealOffer> offers = new ArrayList<>();
        for (Path file : cards) {
            OfficerCard card = OfficerCard.read(file);
            try {
                CardCheck.againstRoster(roster, card);
            } catch (QuorumException e) {
                notes.add(file.getFileName() + ": " + e.getMessage());
                continue;
            }
            char[] passphrase = passphrases.passphrase(card.officerId());
            try (UnlockedCard open = card.unlock(passphrase)) {
                offers.add(new UnsealOffer(open.officerId(), open.shareIndex(), open.share(), Approval.sign(open, subject).signatureBase64()));
            } catch (QuorumException e) {
                notes.add(file.getFileName() + ": officer '" + card.officerId() + "': the card did not open (wrong passphrase or altered card)");
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        }
        return offers;
    }

    /**
     * The token PIN rebuilt here, in this process's memory only (for {@code keygen} on a token under quorum);
     * the caller wipes it.
     */
    public static char[] localPin(Roster roster, List<Path> cards, Passphrases passphrases, List<String> notes) throws TrustLineException {
        Unsealer unsealer = new Unsealer(roster);
        List<UnsealOffer> offers = collect(roster, unsealer.challengeHex(), cards, passphrases, notes);
        try {
            return unsealer.open(offers).pin();
        } finally {
            offers.forEach(UnsealOffer::wipe);
        }
    }
}
