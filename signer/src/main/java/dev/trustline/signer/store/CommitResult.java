package dev.trustline.signer.store;

import java.util.List;

/**
 * The outcome of {@link Store#commitChunk}, durable when returned.
 *
 * @param lines the final result of every line of the chunk, in line order; a line that was
 *     already committed earlier keeps (and returns) its stored result
 * @param issued how many certificates this commit stored
 * @param refused how many lines this commit stored as refused (including re-check refusals)
 * @param head the ledger head after the commit
 */
public record CommitResult(List<BatchResultRow> lines, int issued, int refused, LedgerHead head) {

    public CommitResult {
        lines = List.copyOf(lines);
    }
}
