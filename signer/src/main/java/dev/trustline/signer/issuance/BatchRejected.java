package dev.trustline.signer.issuance;

import dev.trustline.core.TrustLineException;

/** A whole batch refused before any line is looked at, with the HTTP status that says why. */
public final class BatchRejected extends TrustLineException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public BatchRejected(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
