package dev.trustline.ceremony.run;

import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;

/**
 * Where the ceremony's logical tokens come from: the site's HSMs for a real run, throwaway SoftHSM2
 * tokens for a rehearsal. Activation (officer quorum or PIN reference) is recorded in the transcript;
 * everything after opening is the same code path.
 */
public interface TokenSource extends AutoCloseable {
    OpenedToken open(String name, Transcript transcript) throws TrustLineException;

    /** True for throwaway rehearsal tokens (recorded in the transcript). */
    boolean throwaway();

    @Override
    void close() throws TrustLineException;
}
