package dev.trustline.signer.issuance;

/**
 * A line that cannot be issued: a stable kebab-case code (malformed-line, malformed-csr, bad-pop,
 * wrong-key-type, bad-device-id, cn-mismatch, duplicate-device, ...) and a one-line message.
 */
public final class LineRefused extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public LineRefused(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
