package dev.trustline.ceremony.plan;

import java.util.LinkedHashMap;

/**
 * The site-specific HSM file, kept apart from the ceremony file so the reviewed ceremony file (and its
 * SHA-256) is the same for the rehearsal and the real run. Maps each logical token name to a PKCS#11
 * module, a token label, and how to log in: {@code roster} (officers.json: M of N officers' cards
 * rebuild the PIN) with {@code roster-sha256}, the SHA-256 that {@code officers init} printed, which pins
 * it or, for test ceremonies only, a PIN reference (file:PATH or env:NAME; never the PIN).
 */
public record HsmFile(LinkedHashMap<String, TokenConfig> tokens) {

    public record TokenConfig(String module, String label, String pin, String roster, String rosterSha256) {
    }
}
