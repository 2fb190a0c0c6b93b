package dev.trustline.core.hsm;

import dev.trustline.core.TrustLineException;

/** A PKCS#11 module, token, login or key operation failed. Never carries a PIN. */
public final class HsmException extends TrustLineException {
    private static final long serialVersionUID = 1L;

    public HsmException(String message) {
        super(message);
    }

    public HsmException(String message, Throwable cause) {
        super(message, cause);
    }
}
