package dev.trustline.signer.store;

import java.time.Instant;

/**
 * One lifecycle change of a device, as kept in {@code device_transitions} and in its ledger entry.
 *
 * @param ledgerSeq the ledger entry that records it
 * @param fingerprintSha256 the certificate the device held then
 * @param actor who asked (client certificate CN, or cli:USER)
 * @param role their role (station or backend)
 * @param reason why, as given
 */
public record TransitionRecord(long ledgerSeq, String deviceId, String fingerprintSha256, DeviceState from,
        DeviceState to, String actor, String role, String reason, Instant at) {
}
