package dev.trustline.core.policy;

import dev.trustline.core.TrustLineException;

/** An issuance policy refuses something, or its signature or scope does not check out; the message says why. */
public final class PolicyException extends TrustLineException {
    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
