package dev.trustline.ceremony.quorum;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.TokenInitializer;
import dev.trustline.core.quorum.ActivationSecret;
import dev.trustline.core.quorum.Enrolment;
import dev.trustline.core.quorum.EnrolmentRequest;
import dev.trustline.core.quorum.EnrolmentResult;
import dev.trustline.core.Environment;
import dev.trustline.core.quorum.KdfParams;
import dev.trustline.core.quorum.OfficerCard;
import dev.trustline.core.quorum.OfficerEnrolment;
import dev.trustline.core.quorum.Roster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a new token under M-of-N quorum: a random activation secret becomes the token's PINs (nobody
 * sees them), is split with Shamir's scheme into one card per officer, every officer unlocks their new
 * card once, and only then is the token initialised and the roster written.
 */
public final class TokenEnrolment {
    /** One officer to enrol. */
    public record Officer(String id, String name) {
    }

    private TokenEnrolment() {
    }

    /** What to do with the new activation secret once every officer has unlocked their card. */
    public interface SecretInstaller {
        void install(ActivationSecret secret) throws TrustLineException;
    }

    /** Enrols officers for a new token and initialises it with PINs from the activation secret. */
    public static Roster enrol(Path module, String tokenLabel, Environment environment, int threshold,
                               List<Officer> officers, KdfParams kdf, PassphraseSource passphrases,
                               Path cardsDir, Path rosterFile) throws TrustLineException {
        return enrol(tokenLabel, environment, threshold, officers, kdf, passphrases, cardsDir, rosterFile,
                secret -> initialiseToken(module, tokenLabel, secret));
    }

    /** Enrols officers, checks every new card unlocks, runs {@code installer}, then writes the roster. */
    public static Roster enrol(String tokenLabel, Environment environment, int threshold, List<Officer> officers,
                               KdfParams kdf, PassphraseSource passphrases, Path cardsDir, Path rosterFile,
                               SecretInstaller installer) throws TrustLineException {
        refuseExisting(cardsDir, officers, rosterFile);
        List<OfficerEnrolment> enrolments = new ArrayList<>();
        try {
            for (Officer o : officers) {
                enrolments.add(new OfficerEnrolment(o.id(), o.name(), passphrases.newPassphrase(o.id())));
            }
            EnrolmentRequest request = new EnrolmentRequest(tokenLabel, environment, threshold, kdf);
            try (EnrolmentResult result = Enrolment.enrol(request, enrolments, new SecureRandom(), Instant.now())) {
                List<OfficerCard> written = writeCards(result.cards(), cardsDir);
                Enrolment.verifyAllCardsUnlock(result.roster(), written, card -> confirmPassphrase(passphrases, card));
                installer.install(result.activationSecret());
                result.roster().write(rosterFile);
                return result.roster();
            }
        } finally {
            enrolments.forEach(e -> PassphraseStrength.wipe(e.passphrase()));
        }
    }

    private static char[] confirmPassphrase(PassphraseSource passphrases, OfficerCard card)
            throws dev.trustline.core.quorum.QuorumException {
        try {
            return passphrases.passphrase(card.officerId(), "unlock your new card once");
        } catch (TrustLineException e) {
            throw new dev.trustline.core.quorum.QuorumException(e.getMessage(), e);
        }
    }

    private static void refuseExisting(Path cardsDir, List<Officer> officers, Path rosterFile) throws TrustLineException {
        if (Files.exists(rosterFile)) {
            throw new TrustLineException("roster " + rosterFile + " already exists; rosters are never overwritten");
        }
        for (Officer o : officers) {
            if (Files.exists(cardFile(cardsDir, o.id()))) {
                throw new TrustLineException("card " + cardFile(cardsDir, o.id()) + " already exists; cards are never overwritten");
            }
        }
    }

    public static Path cardFile(Path cardsDir, String officerId) {
        return cardsDir.resolve(officerId + ".card.json");
    }

    private static List<OfficerCard> writeCards(List<OfficerCard> cards, Path dir) throws TrustLineException {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new TrustLineException("cannot create card directory " + dir + ": " + e.getMessage(), e);
        }
        List<OfficerCard> written = new ArrayList<>();
        for (OfficerCard card : cards) {
            Path file = cardFile(dir, card.officerId());
            card.write(file);
            written.add(OfficerCard.read(file)); // what the officer takes away is what must unlock
        }
        return written;
    }

    /** The token's user PIN and SO PIN from an activation secret; the caller wipes both. */
    public static char[][] pins(ActivationSecret secret) {
        return new char[][] {secret.toPin(), SoPin.from(secret)};
    }

    private static void initialiseToken(Path module, String label, ActivationSecret secret) throws TrustLineException {
        char[] userPin = secret.toPin();
        char[] soPin = SoPin.from(secret);
        try {
            TokenInitializer.initialise(module, label, soPin, userPin);
        } finally {
            java.util.Arrays.fill(userPin, '\0');
            java.util.Arrays.fill(soPin, '\0');
        }
    }
}
