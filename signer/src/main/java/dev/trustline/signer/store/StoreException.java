package dev.trustline.signer.store;

import dev.trustline.core.TrustLineException;

/**
 * The registry or ledger cannot be read or written: the database refused, the schema is newer
 * than this code, a batch is unknown. Messages name the operation and its subject (batch id,
 * device id, file), never a password.
 */
public final class StoreException extends TrustLineException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public StoreException withContext(String context) {
        return new StoreException(context + ": " + getMessage(), this);
    }
}
