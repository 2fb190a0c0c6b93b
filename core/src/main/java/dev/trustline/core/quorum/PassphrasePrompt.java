package dev.trustline.core.quorum;

/** Supplies an officer's passphrase for their card (e.g. read at the console). */
@FunctionalInterface
public interface PassphrasePrompt {
    /** A fresh array holding the passphrase for {@code card}; the receiver wipes it after use. */
    char[] passphraseFor(OfficerCard card) throws QuorumException;
}
