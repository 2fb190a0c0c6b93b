package dev.trustline.ceremony.run;

import dev.trustline.core.TrustLineException;

/**
 * Where the ceremony's logical tokens come from: the site's HSMs for a real run, throwaway SoftHSM2
 * tokens (made and, with officers, enrolled here) for a rehearsal. That is the only difference: the
 * runner opens every slot, checks its roster and activates it with the officers' cards through one
 * code path ({@link TokenOpener}).
 */
public interface TokenSource extends AutoCloseable {
    /** Locates logical token {@code name} (a rehearsal creates it now). */
    TokenSlot slot(String name) throws TrustLineException;

    /** The officers' cards presented at this ceremony and where their passphrases come from. */
    QuorumInputs quorumInputs();

    /** True for throwaway rehearsal tokens (recorded in the transcript; their rosters are test rosters). */
    boolean throwaway();

    @Override
    void close() throws TrustLineException;
}
