package dev.trustline.ceremony.console;

import dev.trustline.core.TrustLineException;

/**
 * Asks the operator to approve one signature after showing what will be signed. A jline console at a
 * real terminal; an automatic "yes" only for rehearsals started with --yes; a script in tests.
 */
public interface Confirmer {
    /** Shows {@code summary} and returns true only when the operator typed yes. */
    boolean confirm(String stepId, String summary) throws TrustLineException;

    /**
     * Asks one officer, whose card is unlocked, to approve a signature; true only for a typed yes.
     * The approval itself is the officer's card signature, recorded in the transcript.
     */
    boolean approve(String officerId, String stepId, String digestWords) throws TrustLineException;

    /** How confirmations are given, recorded in the transcript: interactive, auto or scripted. */
    String mode();

    /** Prints a progress line for the operator (never secrets). */
    void info(String line);
}
