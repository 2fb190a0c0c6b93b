package dev.trustline.signer.store;

import dev.trustline.signer.ledger.LedgerProblem;
import dev.trustline.signer.ledger.LifecycleReplay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The lifecycle tables against the rows the ledger implies ({@link LifecycleReplay}): exactly,
 * as text, both directions, like {@link RegistryCheck}: device_keys (the public keys of the
 * issued certificates), device_states, device_transitions, revocations, crls (the CRL's bytes
 * must hash to its entry's sha256).
 */
final class LifecycleCheck {

    private final Connection c;
    private final LifecycleReplay replay;

    private final Map<String, String> keys;

    LifecycleCheck(Connection c, LifecycleReplay replay, Map<String, String> keys) {
        this.c = c;
        this.replay = replay;
        this.keys = keys;
    }

    void run() throws SQLException, LedgerProblem {
        keys();
        states();
        transitions();
        revocations();
        crls();
    }

    /** device_keys: one row per certified public key, to the device it was first certified for. */
    private void keys() throws SQLException, LedgerProblem {
        Map<String, String> expected = new HashMap<>(keys);
        try (PreparedStatement s = c.prepareStatement("SELECT public_key_sha256, device_id"
                + " FROM device_keys ORDER BY public_key_sha256");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String device = expected.remove(r.getString(1));
                StoredRow row = new StoredRow("device_keys row " + r.getString(1), -1, r);
                row.exists(device != null);
                row.same(2, "device_id", device);
            }
        }
        if (!expected.isEmpty()) {
            String key = new java.util.TreeSet<>(expected.keySet()).first();
            throw new LedgerProblem(-1, "device_keys has no row for public key " + key
                    + " of device " + expected.get(key) + ", which the ledger certifies");
        }
    }

    private void states() throws SQLException, LedgerProblem {
        Map<String, LifecycleReplay.State> expected = new HashMap<>(replay.states());
        try (PreparedStatement s = c.prepareStatement("SELECT device_id, fingerprint_sha256, state,"
                + " changed_at, ledger_seq FROM device_states ORDER BY device_id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                LifecycleReplay.State e = expected.remove(r.getString(1));
                StoredRow row = new StoredRow("device_states row " + r.getString(1),
                        e == null ? -1 : e.seq(), r);
                row.exists(e != null);
                row.same(2, "fingerprint_sha256", e.fingerprint());
                row.same(3, "state", e.state());
                row.same(4, "changed_at", e.changedAt());
                row.same(5, "ledger_seq", String.valueOf(e.seq()));
            }
        }
        StoredRow.missing(expected, "device_states", LifecycleReplay.State::seq,
                LifecycleReplay.State::fingerprint);
    }

    private void transitions() throws SQLException, LedgerProblem {
        Map<Long, LifecycleReplay.Transition> expected = new HashMap<>(replay.transitions());
        try (PreparedStatement s = c.prepareStatement("SELECT ledger_seq, device_id,"
                + " fingerprint_sha256, from_state, to_state, actor, role, reason, at"
                + " FROM device_transitions ORDER BY ledger_seq");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                LifecycleReplay.Transition e = expected.remove(r.getLong(1));
                StoredRow row = new StoredRow("device_transitions row " + r.getString(1),
                        e == null ? -1 : e.seq(), r);
                row.exists(e != null);
                row.same(2, "device_id", e.deviceId());
                row.same(3, "fingerprint_sha256", e.fingerprint());
                row.same(4, "from_state", e.from());
                row.same(5, "to_state", e.to());
                row.same(6, "actor", e.actor());
                row.same(7, "role", e.role());
                row.same(8, "reason", e.reason());
                row.same(9, "at", e.at());
            }
        }
        StoredRow.missing(expected, "device_transitions", LifecycleReplay.Transition::seq,
                LifecycleReplay.Transition::deviceId);
    }

    private void revocations() throws SQLException, LedgerProblem {
        Map<String, LifecycleReplay.Revocation> expected = new HashMap<>(replay.revocations());
        try (PreparedStatement s = c.prepareStatement("SELECT fingerprint_sha256, device_id,"
                + " issuer_fingerprint_sha256, serial, reason, revoked_at, ledger_seq"
                + " FROM revocations ORDER BY fingerprint_sha256");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                LifecycleReplay.Revocation e = expected.remove(r.getString(1));
                StoredRow row = new StoredRow("revocations row " + r.getString(1),
                        e == null ? -1 : e.seq(), r);
                row.exists(e != null);
                row.same(2, "device_id", e.deviceId());
                row.same(3, "issuer_fingerprint_sha256", e.issuerFingerprint());
                row.same(4, "serial", e.serial());
                row.same(5, "reason", String.valueOf(e.reason()));
                row.same(6, "revoked_at", e.revokedAt());
                row.same(7, "ledger_seq", String.valueOf(e.seq()));
            }
        }
        StoredRow.missing(expected, "revocations", LifecycleReplay.Revocation::seq,
                LifecycleReplay.Revocation::deviceId);
    }

    private void crls() throws SQLException, LedgerProblem {
        Map<LifecycleReplay.CrlKey, LifecycleReplay.Crl> expected = new HashMap<>(replay.crls());
        try (PreparedStatement s = c.prepareStatement("SELECT issuer_fingerprint_sha256,"
                + " crl_number, this_update, next_update, entries, crl FROM crls"
                + " ORDER BY issuer_fingerprint_sha256, crl_number");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                LifecycleReplay.Crl e = expected.remove(new LifecycleReplay.CrlKey(r.getString(1),
                        r.getLong(2)));
                StoredRow row = new StoredRow("crls row " + r.getString(1) + " number "
                        + r.getString(2), e == null ? -1 : e.seq(), r);
                row.exists(e != null);
                row.same(3, "this_update", e.thisUpdate());
                row.same(4, "next_update", e.nextUpdate());
                row.same(5, "entries", String.valueOf(e.entries()));
                row.certificate(6, e.sha256());
            }
        }
        StoredRow.missing(expected, "crls", LifecycleReplay.Crl::seq,
                e -> "number published in entry " + e.seq());
    }
}
