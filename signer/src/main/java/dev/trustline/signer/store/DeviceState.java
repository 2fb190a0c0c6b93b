package dev.trustline.signer.store;

import java.util.Locale;

/**
 * A device's lifecycle state in the registry. {@link Store#commitChunk} writes {@link #ISSUED}
 * for a first certificate and {@link #REFURBISHED} for a re-issue; the other states are set by
 * lifecycle transitions ({@code dev.trustline.signer.lifecycle.Transitions} says which are allowed).
 */
public enum DeviceState {
    ISSUED,
    PROVISIONED,
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

    /** The state whose stored form is {@code code} (e.g. "shipped"). */
    public static DeviceState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** The state named {@code code}, if it is one (case-sensitive, the stored form). */
    public static java.util.Optional<DeviceState> parse(String code) {
        for (DeviceState s : values()) {
            if (s.code().equals(code)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
