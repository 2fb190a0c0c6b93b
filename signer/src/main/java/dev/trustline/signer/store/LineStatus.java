package dev.trustline.signer.store;

import java.util.Locale;

/** The final status of one batch line. */
public enum LineStatus {
    ISSUED,
    REFUSED;

    /** The stored form: "issued" or "refused". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LineStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
