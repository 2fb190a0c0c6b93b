package dev.trustline.ceremony.run;

import dev.trustline.ceremony.quorum.PassphraseSource;
import dev.trustline.ceremony.quorum.TerminalPassphrases;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.quorum.OfficerCard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The officers' cards presented at this ceremony (--card) and where their passphrases come from
 * (--passphrase-file, else a masked prompt at the terminal, opened only when first needed).
 */
public final class QuorumInputs {
    private final List<Path> cardFiles;
    private PassphraseSource passphrases;

    public QuorumInputs(List<Path> cardFiles, PassphraseSource passphrases) {
        this.cardFiles = List.copyOf(cardFiles);
        this.passphrases = passphrases;
    }

    public List<OfficerCard> cards() throws TrustLineException {
        List<OfficerCard> cards = new ArrayList<>();
        for (Path p : cardFiles) {
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
