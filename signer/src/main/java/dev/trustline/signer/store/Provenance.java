package dev.trustline.signer.store;

import java.time.Instant;

/**
 * Where and how a device's current certificate was made, from its batch line: firmware build id,
 * provisioning spec version, factory site and manufacturing time (null if the line did not say).
 * Empty strings mean "not given".
 */
public record Provenance(String firmwareBuild, String specVersion, String factorySite, Instant manufacturedAt) {
    public static final Provenance NONE = new Provenance("", "", "", null);

    public Provenance {
        firmwareBuild = firmwareBuild == null ? "" : firmwareBuild;
        specVersion = specVersion == null ? "" : specVersion;
        factorySite = factorySite == null ? "" : factorySite;
    }
}
