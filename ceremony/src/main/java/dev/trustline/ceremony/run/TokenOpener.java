package dev.trustline.ceremony.run;

import dev.trustline.ceremony.quorum.OfficerQuorum;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmException;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.quorum.Roster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Opens a token slot, the same for a rehearsal and a real run: a roster must guard this token's label
 * (and be a production roster in a production run); M officers unlock their cards (only cards of this
 * roster count), the PIN is rebuilt in memory, used to log in and wiped. A slot without roster logs in
 * with its PIN reader (test ceremonies only; the site HSM file refuses it for production).
 */
final class TokenOpener implements AutoCloseable {
    private final QuorumInputs inputs;
    private final boolean productionRosters;
    private final List<OfficerQuorum> quorums = new ArrayList<>();

    TokenOpener(QuorumInputs inputs, boolean productionRosters) {
        this.inputs = inputs;
        this.productionRosters = productionRosters;
    }

    OpenedToken open(String name, TokenSlot slot, Transcript transcript) throws TrustLineException {
        if (slot.roster() == null) {
            return new OpenedToken(login(name, slot, slot.pin().read()), null);
        }
        Roster roster = slot.roster();
        if (!roster.tokenLabel().equals(slot.label())) {
            throw new TrustLineException("token '" + name + "': the roster guards token '" + roster.tokenLabel()
                    + "', not '" + slot.label() + "'");
        }
        if (productionRosters && !roster.isProduction()) {
            throw new TrustLineException("token '" + name + "': a production ceremony needs a production roster; roster "
                    + roster.rosterId() + " is a test roster");
        }
        OfficerQuorum quorum = OfficerQuorum.activate(name, roster, inputs.cards(), inputs.passphrases(), transcript);
        quorums.add(quorum);
        return new OpenedToken(login(name, slot, quorum.pin(transcript)), quorum);
    }

    private static HsmToken login(String name, TokenSlot slot, char[] pin) throws TrustLineException {
        try {
            return HsmToken.open(slot.module(), slot.label(), pin);
        } catch (HsmException e) {
            throw e.withContext("token '" + name + "'");
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public void close() {
        quorums.forEach(OfficerQuorum::close);
    }
}
