package dev.trustline.ceremony.run;

import dev.trustline.ceremony.plan.SiteHsm;

/**
 * The real run's tokens, from the site HSM file: module, label, and the roster read and checked
 * against its pinned SHA-256 when the file was loaded (before any HSM was opened), or for a test
 * ceremony a PIN reference.
 */
public final class SiteTokens implements TokenSource {
    private final SiteHsm site;
    private final QuorumInputs quorumInputs;

    public SiteTokens(SiteHsm site, QuorumInputs quorumInputs) {
        this.site = site;
        this.quorumInputs = quorumInputs;
    }

    @Override
    public TokenSlot slot(String name) {
        SiteHsm.Token t = site.tokens().get(name);
        if (t.roster() != null) {
            return TokenSlot.underQuorum(t.module(), t.label(), t.roster());
        }
        return TokenSlot.withPin(t.module(), t.label(), () -> t.pin().read(site.baseDir()));
    }

    @Override
    public QuorumInputs quorumInputs() {
        return quorumInputs;
    }

    @Override
    public boolean throwaway() {
        return false;
    }

    @Override
    public void close() {
    }
}
