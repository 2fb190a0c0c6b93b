package dev.trustline.ceremony.run;

import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.ceremony.quorum.OfficerQuorum;
import dev.trustline.ceremony.quorum.TokenEnrolment;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmException;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.hsm.ThrowawayToken;
import dev.trustline.core.hsm.TokenIdentity;
import dev.trustline.core.quorum.Environment;
import dev.trustline.core.quorum.OfficerCard;
import dev.trustline.core.quorum.Roster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A rehearsal's tokens: one throwaway SoftHSM2 token per logical name, deleted when the rehearsal
 * ends. With officers, each token is enrolled under quorum (cards and roster under
 * {@code OUT/rehearsal-officers/TOKEN/}) and activated by their cards, as in a real run.
 */
public final class RehearsalTokens implements TokenSource {
    private final Path module;
    private final RehearsalOfficers officers;
    private final Path outDir;
    private final List<TokenIdentity> created = new ArrayList<>();
    private final List<OfficerQuorum> quorums = new ArrayList<>();

    public RehearsalTokens(Path module, RehearsalOfficers officers, Path outDir) {
        this.module = module;
        this.officers = officers;
        this.outDir = outDir;
    }

    public RehearsalTokens(Path module) {
        this(module, null, null);
    }

    @Override
    public OpenedToken open(String name, Transcript transcript) throws TrustLineException {
        String label = ThrowawayToken.uniqueLabel("rehearsal-" + name);
        if (officers == null) {
            ThrowawayToken token = ThrowawayToken.create(module, label);
            created.add(token.token().identity());
            return new OpenedToken(token.token(), null);
        }
        Path dir = outDir.resolve("rehearsal-officers").resolve(name);
        Roster roster = TokenEnrolment.enrol(module, label, Environment.TEST, officers.threshold(), officers.officers(),
                officers.kdf(), officers.passphrases(), dir, dir.resolve("officers.json"));
        List<OfficerCard> cards = new ArrayList<>();
        for (TokenEnrolment.Officer o : officers.officers()) {
            cards.add(OfficerCard.read(TokenEnrolment.cardFile(dir, o.id())));
        }
        OfficerQuorum quorum = OfficerQuorum.activate(name, roster, cards, officers.passphrases(), transcript);
        quorums.add(quorum);
        char[] pin = quorum.pin(transcript);
        try {
            HsmToken token = HsmToken.open(module, label, pin);
            created.add(token.identity());
            return new OpenedToken(token, quorum);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public boolean throwaway() {
        return true;
    }

    @Override
    public void close() throws TrustLineException {
        quorums.forEach(OfficerQuorum::close);
        HsmException first = null;
        for (TokenIdentity t : created) {
            try {
                ThrowawayToken.delete(t);
            } catch (HsmException e) {
                first = first == null ? e : first;
            }
        }
        created.clear();
        if (first != null) {
            throw first;
        }
    }
}
