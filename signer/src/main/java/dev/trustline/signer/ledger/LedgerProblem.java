package dev.trustline.signer.ledger;

/**
 * The first thing wrong with a ledger, its stored registry or an export: which entry (or -1 if
 * none is to blame) and why, in one line.
 */
public final class LedgerProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final long seq;

    public LedgerProblem(long seq, String message) {
        super(message, null, false, false);
        this.seq = seq;
    }

    /** The ledger entry at fault, or -1 if the problem is not tied to one. */
    public long seq() {
        return seq;
    }
}
