package dev.trustline.core;

/**
 * The one checked exception family of TrustLine. Each layer adds its context by wrapping
 * ({@link #withContext}) so the CLI can print a single line naming where and why it failed.
 * Messages never carry a PIN, passphrase, share or key material.
 */
public class TrustLineException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrustLineException(String message) {
        super(message);
    }

    public TrustLineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A new exception of the same meaning with {@code context} prefixed, e.g. "step 'root': ...". */
    public TrustLineException withContext(String context) {
        return new TrustLineException(context + ": " + getMessage(), this);
    }
}
