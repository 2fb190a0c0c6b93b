package dev.trustline.core.chain;

import dev.trustline.core.TrustLineException;

/** A hash-chained log (ceremony transcript, issuance ledger) cannot be written or does not verify. */
public final class ChainException extends TrustLineException {
    private static final long serialVersionUID = 1L;
    private final long sequence;

    public ChainException(long sequence, String message) {
        super(sequence >= 0 ? "entry " + sequence + ": " + message : message);
        this.sequence = sequence;
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
        this.sequence = -1;
    }

    /** The sequence number of the first bad entry, or -1 when the failure is not tied to one. */
    public long sequence() {
        return sequence;
    }
}
