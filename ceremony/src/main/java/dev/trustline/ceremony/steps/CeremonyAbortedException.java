package dev.trustline.ceremony.steps;

import dev.trustline.core.TrustLineException;

/** The operator declined a signature: the ceremony stops and the transcript ends with the abort. */
public final class CeremonyAbortedException extends TrustLineException {
    private static final long serialVersionUID = 1L;

    public CeremonyAbortedException(String message) {
        super(message);
    }
}
