package dev.trustline.ceremony.quorum;

import dev.trustline.core.TrustLineException;

/**
 * Where officers' passphrases come from: a masked prompt at a real terminal, or (rehearsals and
 * tests) files named on the command line. Never argv values or environment variables. The caller
 * wipes each returned array; nothing here prints or logs a passphrase.
 */
public interface PassphraseSource {
    char[] passphrase(String officerId, String purpose) throws TrustLineException;

    /** For new cards: asks twice at a terminal and enforces the minimum strength. */
    char[] newPassphrase(String officerId) throws TrustLineException;

    /** Recorded in transcripts: "terminal" or "files". */
    String mode();
}
