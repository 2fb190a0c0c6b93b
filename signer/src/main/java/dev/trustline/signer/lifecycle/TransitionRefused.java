package dev.trustline.signer.lifecycle;

import dev.trustline.core.TrustLineException;

/**
 * A lifecycle request that is refused: the message names why (the current state and the allowed ones,
 * the missing permission, the unknown device), and {@link #status} is the HTTP status that says so.
 */
public final class TransitionRefused extends TrustLineException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public TransitionRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
