package dev.trustline.signer.store;

/**
 * The end of the ledger chain.
 *
 * @param entries how many entries the ledger holds (the next entry's seq)
 * @param hash the last entry's hash, 64 zeros for an empty ledger
 */
public record LedgerHead(long entries, String hash) {
}
