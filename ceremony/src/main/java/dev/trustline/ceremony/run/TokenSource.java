package dev.trustline.ceremony.run;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmToken;

/**
 * Where the ceremony's logical tokens come from: the site's HSMs for a real run, throwaway SoftHSM2
 * tokens for a rehearsal. Everything after opening is the same code path.
 */
public interface TokenSource extends AutoCloseable {
    HsmToken open(String name) throws TrustLineException;

    /** True for throwaway rehearsal tokens (recorded in the transcript). */
    boolean throwaway();

    @Override
    void close() throws TrustLineException;
}
