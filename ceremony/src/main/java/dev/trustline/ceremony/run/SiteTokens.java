package dev.trustline.ceremony.run;

import dev.trustline.ceremony.plan.SiteHsm;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmException;
import dev.trustline.core.hsm.HsmToken;
import java.util.Arrays;

/** The real run's tokens, from the site HSM file; each PIN is read from its reference, used once, wiped. */
public final class SiteTokens implements TokenSource {
    private final SiteHsm site;

    public SiteTokens(SiteHsm site) {
        this.site = site;
    }

    @Override
    public HsmToken open(String name) throws TrustLineException {
        SiteHsm.Token t = site.tokens().get(name);
        char[] pin = t.pin().read(site.baseDir());
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
        // SunPKCS11 sessions end with the process; nothing to delete on a real token.
    }
}
