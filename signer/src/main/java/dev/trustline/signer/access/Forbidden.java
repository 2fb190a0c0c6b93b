package dev.trustline.signer.access;

import dev.trustline.core.TrustLineException;

/** A request the client's role does not permit: always HTTP 403, and the message names the missing permission. */
public final class Forbidden extends TrustLineException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
        super(message);
    }

    public int status() {
        return 403;
    }
}
