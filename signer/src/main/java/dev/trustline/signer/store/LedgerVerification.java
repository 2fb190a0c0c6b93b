package dev.trustline.signer.store;

/**
 * The outcome of {@link Store#verifyLedger}.
 *
 * @param ok true if the chain and the registry agree
 * @param entries the number of ledger entries read
 * @param head the hash of the last entry read (64 zeros if none)
 * @param badSeq the seq of the first bad ledger entry, or -1 if the problem is not tied to one
 *     (or there is none)
 * @param problem the first problem found, null when ok, e.g. "ledger entry 17: hash does not
 *     match its content" or "device GW-1 has no issuance entry in the ledger"
 */
public record LedgerVerification(boolean ok, long entries, String head, long badSeq,
        String problem) {

    static LedgerVerification passed(long entries, String head) {
        return new LedgerVerification(true, entries, head, -1, null);
    }

    static LedgerVerification failed(long entries, String head, long badSeq, String problem) {
        return new LedgerVerification(false, entries, head, badSeq, problem);
    }

    /** @throws StoreException carrying {@link #problem()} if not ok */
    public LedgerVerification orThrow() throws StoreException {
        if (!ok) {
            throw new StoreException("ledger does not verify: " + problem);
        }
        return this;
    }
}
