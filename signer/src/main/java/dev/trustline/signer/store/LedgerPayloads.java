package dev.trustline.signer.store;

import dev.trustline.signer.ledger.IssuedEntry;
import dev.trustline.signer.ledger.RefusedEntry;

/**
 * The store's records as ledger payloads (see {@code signer.ledger} and
 * runbooks/signer-store.md for the format).
 */
final class LedgerPayloads {

    private LedgerPayloads() {
    }

    /** {@code kept}: for a re-enrolment, the lifecycle state the device keeps (recorded, so the state is bound). */
    static IssuedEntry issued(String batchId, IssuedDevice d, String previousFingerprint,
            DeviceState kept) {
        return new IssuedEntry(batchId, d.lineNo(), d.deviceId(), d.station(), d.operator(),
                d.policyId(), d.policyVersion(), d.serialHex(), d.fingerprintSha256(),
                d.issuerFingerprint(), d.sku(), d.hwRev(), d.der(), previousFingerprint,
                previousFingerprint != null && d.revokePrevious(),
                kept == null ? null : kept.code());
    }

    static RefusedEntry refused(String batchId, Refusal r, IssuedDevice discarded) {
        return new RefusedEntry(batchId, r.lineNo(), r.deviceId(), r.station(), r.operator(),
                r.policyId(), r.code(), r.message(),
                discarded == null ? null : discarded.serialHex(),
                discarded == null ? null : discarded.fingerprintSha256());
    }
}
