package dev.trustline.ceremony.run;

import dev.trustline.ceremony.quorum.PassphraseSource;
import dev.trustline.ceremony.quorum.TerminalPassphrases;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.quorum.OfficerCard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The officers' cards presented at this ceremony (--card; a rehearsal: every card it has written so
 * far) and where their passphrases come from (--passphrase-file, else a masked prompt at the terminal,
 * opened only when first needed). Officers present all their cards; only a token's roster's count.
 */
public final class QuorumInputs {
    /** Lists the card files presented now. */
    @FunctionalInterface
    public interface CardFiles {
        List<Path> list() throws TrustLineException;
    }

    private final CardFiles cardFiles;
    private PassphraseSource passphrases;

    public QuorumInputs(List<Path> cardFiles, PassphraseSource passphrases) {
        this(fixed(cardFiles), passphrases);
    }

    public QuorumInputs(CardFiles cardFiles, PassphraseSource passphrases) {
        this.cardFiles = cardFiles;
        this.passphrases = passphrases;
    }

    private static CardFiles fixed(List<Path> files) {
        List<Path> copy = List.copyOf(files);
        return () -> copy;
    }

    public List<OfficerCard> cards() throws TrustLineException {
        List<OfficerCard> cards = new ArrayList<>();
        for (Path p : cardFiles.list()) {
            cards.add(OfficerCard.read(p));
        }
        return cards;
    }

    public PassphraseSource passphrases() throws TrustLineException {
        if (passphrases == null) {
            passphrases = TerminalPassphrases.open();
        }
        return passphrases;
    }
}
