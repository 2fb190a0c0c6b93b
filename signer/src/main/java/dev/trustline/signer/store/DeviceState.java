package dev.trustline.signer.store;

import java.util.Locale;

/**
 * A device's lifecycle state in the registry. {@link Store#commitChunk} writes {@link #ISSUED}
 * for a first certificate and {@link #REFURBISHED} for a re-issue; the other states are set by
 * later lifecycle operations.
 */
public enum DeviceState {
    ISSUED,
    SHIPPED,
    ACTIVATED,
    RETURNED,
    REFURBISHED,
    REVOKED,
    RETIRED;

    /** The stored form, e.g. "issued". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeviceState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
