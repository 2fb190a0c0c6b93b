package dev.trustline.core.chain;

import java.util.List;

/**
 * A chain that passed {@link ChainVerifier#verify}: at least one entry, in order.
 *
 * @param entries the entries, entry {@code i} at index {@code i}
 */
public record VerifiedChain(List<ChainEntry> entries) {

    public VerifiedChain {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least one entry");
        }
    }

    /** The last entry. */
    public ChainEntry last() {
        return entries.get(entries.size() - 1);
    }

    /** The hash of the last entry, which commits to the whole chain. */
    public String head() {
        return last().hash();
    }

    /** The number of entries. */
    public int size() {
        return entries.size();
    }
}
