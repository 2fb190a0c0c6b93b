package dev.trustline.ceremony.run;

import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.ceremony.plan.SiteHsm;
import dev.trustline.ceremony.quorum.OfficerQuorum;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmException;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.quorum.OfficerCard;
import dev.trustline.core.quorum.Roster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The real run's tokens, from the site HSM file. A token under quorum is logged in with the PIN that M
 * officers' cards rebuild (in memory only, wiped after login); a test token may use a PIN reference.
 */
public final class SiteTokens implements TokenSource {
    private final SiteHsm site;
    private final QuorumInputs quorumInputs;
    private final List<OfficerQuorum> quorums = new ArrayList<>();

    private final boolean production;

    public SiteTokens(SiteHsm site, QuorumInputs quorumInputs, boolean production) {
        this.site = site;
        this.quorumInputs = quorumInputs;
        this.production = production;
    }

    @Override
    public OpenedToken open(String name, Transcript transcript) throws TrustLineException {
        SiteHsm.Token t = site.tokens().get(name);
        if (t.roster() == null) {
            return new OpenedToken(withPin(name, t, t.pin().read(site.baseDir())), null);
        }
        Roster roster = Roster.read(t.roster());
        if (!roster.tokenLabel().equals(t.label())) {
            throw new TrustLineException("token '" + name + "': roster " + t.roster() + " guards token '"
                    + roster.tokenLabel() + "', not '" + t.label() + "'");
        }
        if (production && !roster.isProduction()) {
            throw new TrustLineException("token '" + name + "': a production ceremony needs a production roster; "
                    + t.roster() + " is a test roster");
        }
        List<OfficerCard> cards = quorumInputs.cards();
        OfficerQuorum quorum = OfficerQuorum.activate(name, roster, cards, quorumInputs.passphrases(), transcript);
        quorums.add(quorum);
        return new OpenedToken(withPin(name, t, quorum.pin(transcript)), quorum);
    }

    private static HsmToken withPin(String name, SiteHsm.Token t, char[] pin) throws TrustLineException {
        try {
            return HsmToken.open(t.module(), t.label(), pin);
        } catch (HsmException e) {
            throw e.withContext("token '" + name + "'");
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public boolean throwaway() {
        return false;
    }

    @Override
    public void close() {
        quorums.forEach(OfficerQuorum::close);
    }
}
