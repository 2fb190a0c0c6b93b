package dev.trustline.signer.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.TrustLineException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The device lifecycle over the registry's database (shares {@link Store}'s transactions): each device's
 * current state ({@code device_states}), its transitions ({@code device_transitions}) and revocations
 * ({@code revocations}), every change in one transaction with its ledger entry. A device's state is the
 * {@code device_states} row while that row is about its current certificate; after a re-issue (new
 * fingerprint) it is {@code devices.state} again ({@code refurbished}). Thread-safe.
 */
public final class LifecycleStore {
    /** Decides, inside the transaction, whether a change may happen to the device as it is now. */
    @FunctionalInterface
    public interface Guard {
        void check(DeviceRecord current) throws TrustLineException;
    }

    private static final String DEVICE = "SELECT d.device_id, d.serial, d.fingerprint_sha256,"
            + " d.issuer_fingerprint_sha256, d.policy_id, d.policy_version, d.sku, d.hw_rev, d.batch_id, d.line_no,"
            + " d.station, d.operator, d.issued_at, d.state, d.certificate, s.state, s.fingerprint_sha256,"
            + " d.firmware_build, d.spec_version, d.factory_site, d.manufactured_at"
            + " FROM devices d LEFT JOIN device_states s ON s.device_id = d.device_id";

    private final Store store;
    private final Dialect dialect;

    public LifecycleStore(Store store) {
        this.store = Objects.requireNonNull(store, "store");
        this.dialect = store.dialect();
    }

    /** The device's registry row with its lifecycle state. */
    public Optional<DeviceRecord> device(String deviceId) throws StoreException {
        Checks.text(deviceId, "deviceId");
        return store.read("read device " + deviceId, c -> find(c, "d.device_id = ?", deviceId).map(Row::record));
    }

    /** The device holding the certificate with this SHA-256, if it is any device's current certificate. */
    public Optional<DeviceRecord> deviceByFingerprint(String fingerprint) throws StoreException {
        return store.read("find certificate " + fingerprint, c -> find(c, "d.fingerprint_sha256 = ?", fingerprint)
                .map(Row::record));
    }

    /** The device that held the certificate with this SHA-256 before a re-issue replaced it. */
    public Optional<DeviceRecord> deviceWithPrevious(String fingerprint) throws StoreException {
        return store.read("find previous certificate " + fingerprint, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT device_id FROM device_certificates WHERE fingerprint_sha256 = ?")) {
                s.setString(1, fingerprint);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? find(c, "d.device_id = ?", r.getString(1)).map(Row::record) : Optional.empty();
                }
            }
        });
    }

    /** Firmware, spec version, factory site and manufacturing time of the device's current certificate. */
    public Optional<Provenance> provenance(String deviceId) throws StoreException {
        Checks.text(deviceId, "deviceId");
        return store.read("read device " + deviceId, c -> find(c, "d.device_id = ?", deviceId).map(Row::provenance));
    }

    /** The device's lifecycle changes, oldest first. */
    public List<TransitionRecord> transitions(String deviceId) throws StoreException {
        Checks.text(deviceId, "deviceId");
        return store.read("read transitions of " + deviceId, c -> LifecycleRows.transitions(c, deviceId));
    }

    /**
     * Moves the device to {@code to}: in one transaction, locks the ledger head, reads the device, lets
     * {@code guard} refuse, then writes its state, the transition row and a "transition" ledger entry.
     *
     * @throws TrustLineException what {@code guard} throws, or a StoreException
     */
    public TransitionRecord transition(String deviceId, Guard guard, DeviceState to, String actor, String role,
            String reason, ObjectNode evidence, Instant now) throws TrustLineException {
        return change("move device " + deviceId + " to " + to.code(), deviceId, guard, now, (c, d, ledger) ->
                LifecycleRows.record(c, ledger, d, to, actor, role, reason,
                        LifecyclePayloads.transition(d, to, actor, role, reason, evidence), LifecyclePayloads.TRANSITION));
    }

    /**
     * Revokes the device's current certificate: as {@link #transition} to {@code revoked}, plus its
     * {@code revocations} row, recorded by one "revoked" ledger entry.
     */
    public TransitionRecord revoke(String deviceId, Guard guard, String reasonName, int reasonCode, String actor,
            String role, String comment, Instant now) throws TrustLineException {
        return change("revoke device " + deviceId, deviceId, guard, now, (c, d, ledger) -> {
            TransitionRecord t = LifecycleRows.record(c, ledger, d, DeviceState.REVOKED, actor, role, reasonName,
                    LifecyclePayloads.revoked(d, reasonName, reasonCode, actor, role, comment), LifecyclePayloads.REVOKED);
            LifecycleRows.insertRevocation(c, d, reasonCode, t);
            return t;
        });
    }

    /** Every revoked certificate of {@code issuerFingerprint}, for its CRL. */
    public List<RevokedRow> revoked(String issuerFingerprint) throws StoreException {
        return store.read("read revocations", c -> LifecycleRows.revoked(c, issuerFingerprint));
    }

    /** What the CRL of {@code issuerFingerprint} lists: the serial, time and reason of every revoked certificate. */
    public List<RevokedSerial> revokedSerials(String issuerFingerprint) throws StoreException {
        return store.read("read revocations for the CRL", c -> LifecycleRows.revokedSerials(c, issuerFingerprint, dialect));
    }

    /** The number of revoked certificates of {@code issuerFingerprint} (a CRL listing fewer is stale). */
    public long revokedCount(String issuerFingerprint) throws StoreException {
        return store.read("count revocations", c -> LifecycleRows.revokedCount(c, issuerFingerprint));
    }

    /**
     * What the registry knows of a serial under an issuer: empty if never issued; else the revocation, or a
     * row with a null time meaning issued and not revoked.
     */
    public Optional<RevokedRow> status(String issuerFingerprint, String serialHex) throws StoreException {
        return store.read("look up serial " + serialHex, c -> LifecycleRows.status(c, issuerFingerprint, serialHex));
    }

    /** The newest published CRL of the issuer. */
    public Optional<StoredCrl> latestCrl(String issuerFingerprint) throws StoreException {
        return store.read("read the latest CRL", c -> CrlRows.latest(c, issuerFingerprint));
    }

    /** The number of the latest CRL of {@code issuerFingerprint}, 0 if none yet (the CRL itself is not read). */
    public long latestCrlNumber(String issuerFingerprint) throws StoreException {
        return store.read("read the latest CRL number", c -> CrlRows.latestNumber(c, issuerFingerprint));
    }

    /**
     * Stores a CRL just signed with number {@code crl.number()} and its "crl" ledger entry. Returns false
     * (storing nothing) if that number is already taken, e.g. by another signer instance: sign a new one.
     */
    public boolean saveCrl(StoredCrl crl, Instant now) throws StoreException {
        return store.write("store CRL " + crl.number(), c -> {
            LedgerAppender ledger = LedgerAppender.lock(c, dialect, now);
            if (CrlRows.latestNumber(c, crl.issuerFingerprint()) >= crl.number()) {
                return false;
            }
            CrlRows.insert(c, crl);
            ledger.append(LifecyclePayloads.CRL, LifecyclePayloads.crl(crl));
            return true;
        });
    }

    @FunctionalInterface
    private interface Change {
        TransitionRecord apply(Connection c, DeviceRecord d, LedgerAppender ledger) throws SQLException;
    }

    private TransitionRecord change(String what, String deviceId, Guard guard, Instant now, Change change)
            throws TrustLineException {
        Checks.text(deviceId, "deviceId");
        TrustLineException[] refused = new TrustLineException[1];
        TransitionRecord done = store.write(what, c -> {
            LedgerAppender ledger = LedgerAppender.lock(c, dialect, now);
            Optional<Row> row = find(c, "d.device_id = ?", deviceId);
            try {
                guard.check(row.map(Row::record).orElse(null));
            } catch (TrustLineException e) {
                refused[0] = e;
                return null;
            }
            return change.apply(c, row.orElseThrow(() -> new StoreException("device " + deviceId
                    + " vanished")).record(), ledger);
        });
        if (refused[0] != null) {
            throw refused[0];
        }
        return done;
    }

    private record Row(DeviceRecord record, Provenance provenance) {
    }

    private static Optional<Row> find(Connection c, String where, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DEVICE + " WHERE " + where)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String fingerprint = r.getString(3);
                DeviceState state = r.getString(16) != null && fingerprint.equals(r.getString(17))
                        ? DeviceState.of(r.getString(16)) : DeviceState.of(r.getString(14));
                DeviceRecord d = new DeviceRecord(r.getString(1), r.getString(2), fingerprint, r.getString(4),
                        r.getString(5), r.getInt(6), r.getString(7), r.getString(8), r.getString(9), r.getInt(10),
                        r.getString(11), r.getString(12), LifecycleRows.time(r.getString(13)), state, r.getBytes(15));
                String made = r.getString(21);
                return Optional.of(new Row(d, new Provenance(r.getString(18), r.getString(19), r.getString(20),
                        made == null ? null : LifecycleRows.time(made))));
            }
        }
    }
}
