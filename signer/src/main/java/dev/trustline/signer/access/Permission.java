package dev.trustline.signer.access;

import java.util.Locale;
import java.util.Optional;

/** What a client may ask of the signer; each API endpoint needs exactly one. */
public enum Permission {
    /** Submit batches and read their results (stations). */
    ISSUE,
    /**
     * Report a line's verified evidence ({@code POST /v1/devices/ID/provisioning}): issued/refurbished ->
     * provisioned, own devices only (stations).
     */
    PROVISION,
    /**
     * Any lifecycle change through the generic route ({@code POST /v1/devices/ID/state}, {@code bin/signer device
     * state}): shipped, activated, returned, refurbished, retired; provisioned needs {@link #PROVISION} too.
     * Never granted to stations.
     */
    TRANSITION,
    /** Revoke a device's certificate. */
    REVOKE,
    /** Read a device's record and history. */
    DEVICE_READ,
    /** The backend's check of a device certificate presented at first connection. */
    DEVICE_CHECK,
    /** Publish a new CRL now. */
    CRL_PUBLISH,
    /** Obtain an operational certificate with the device's current one (EST simplereenroll, CMP kur): devices. */
    RE_ENROL;

    /** The name used in signer.yaml and in messages, e.g. "device-read". */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Permission> fromConfigName(String name) {
        for (Permission p : values()) {
            if (p.configName().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
