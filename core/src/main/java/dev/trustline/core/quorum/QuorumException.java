package dev.trustline.core.quorum;

import dev.trustline.core.TrustLineException;

/**
 * An officer card, roster, share reconstruction or approval was refused. Messages name the card,
 * officer or step concerned and never carry a passphrase, share, secret or private key.
 */
public final class QuorumException extends TrustLineException {
    private static final long serialVersionUID = 1L;

    public QuorumException(String message) {
        super(message);
    }

    public QuorumException(String message, Throwable cause) {
        super(message, cause);
    }
}
