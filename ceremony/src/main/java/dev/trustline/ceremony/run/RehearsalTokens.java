package dev.trustline.ceremony.run;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmException;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.hsm.ThrowawayToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A rehearsal's tokens: one throwaway SoftHSM2 token per logical name, deleted when the rehearsal ends. */
public final class RehearsalTokens implements TokenSource {
    private final Path module;
    private final List<ThrowawayToken> created = new ArrayList<>();

    public RehearsalTokens(Path module) {
        this.module = module;
    }

    @Override
    public HsmToken open(String name) throws TrustLineException {
        ThrowawayToken token = ThrowawayToken.create(module, ThrowawayToken.uniqueLabel("rehearsal-" + name));
        created.add(token);
        return token.token();
    }

    @Override
    public boolean throwaway() {
        return true;
    }

    @Override
    public void close() throws TrustLineException {
        HsmException first = null;
        for (ThrowawayToken t : created) {
            try {
                t.close();
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
