package dev.trustline.core.ecdsa;

import dev.trustline.core.TrustLineException;

/** A signature could not be checked at all (malformed key or signature, unknown algorithm): not "it is invalid". */
public final class SignatureCheckException extends TrustLineException {
    public SignatureCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
