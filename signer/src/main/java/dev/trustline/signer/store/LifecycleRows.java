package dev.trustline.signer.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.chain.ChainEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of {@link LifecycleStore}: state, transition and revocation rows, inside the caller's transaction. */
final class LifecycleRows {
    private LifecycleRows() {
    }

    /** Appends the ledger entry, then writes the state and transition rows that it records. */
    static TransitionRecord record(Connection c, LedgerAppender ledger, DeviceRecord d, DeviceState to, String actor,
            String role, String reason, ObjectNode payload, String type) throws SQLException {
        ChainEntry e = ledger.append(type, payload);
        TransitionRecord t = new TransitionRecord(e.seq(), d.deviceId(), d.fingerprintSha256(), d.state(), to, actor,
                role, reason, e.time());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO device_transitions (ledger_seq, device_id,"
                + " fingerprint_sha256, from_state, to_state, actor, role, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, t.ledgerSeq());
            s.setString(2, t.deviceId());
            s.setString(3, t.fingerprintSha256());
            s.setString(4, t.from().code());
            s.setString(5, t.to().code());
            s.setString(6, actor);
            s.setString(7, role);
            s.setString(8, reason);
            s.setString(9, Times.format(t.at()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO device_states (device_id, fingerprint_sha256, state,"
                + " changed_at, ledger_seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET"
                + " fingerprint_sha256 = excluded.fingerprint_sha256, state = excluded.state,"
                + " changed_at = excluded.changed_at, ledger_seq = excluded.ledger_seq")) {
            s.setString(1, t.deviceId());
            s.setString(2, t.fingerprintSha256());
            s.setString(3, to.code());
            s.setString(4, Times.format(t.at()));
            s.setLong(5, t.ledgerSeq());
            s.executeUpdate();
        }
        return t;
    }

    static void insertRevocation(Connection c, DeviceRecord d, int reasonCode, TransitionRecord t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO revocations (fingerprint_sha256, device_id,"
                + " issuer_fingerprint_sha256, serial, reason, revoked_at, ledger_seq) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, d.fingerprintSha256());
            s.setString(2, d.deviceId());
            s.setString(3, d.issuerFingerprint());
            s.setString(4, d.serialHex());
            s.setInt(5, reasonCode);
            s.setString(6, Times.format(t.at()));
            s.setLong(7, t.ledgerSeq());
            s.executeUpdate();
        }
    }

    static List<TransitionRecord> transitions(Connection c, String deviceId) throws SQLException {
        List<TransitionRecord> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT ledger_seq, device_id, fingerprint_sha256, from_state,"
                + " to_state, actor, role, reason, at FROM device_transitions WHERE device_id = ? ORDER BY ledger_seq")) {
            s.setString(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new TransitionRecord(r.getLong(1), r.getString(2), r.getString(3),
                            DeviceState.of(r.getString(4)), DeviceState.of(r.getString(5)), r.getString(6),
                            r.getString(7), r.getString(8), time(r.getString(9))));
                }
            }
        }
        return out;
    }

    private static final String REVOKED = "SELECT device_id, serial, fingerprint_sha256, revoked_at, reason"
            + " FROM revocations WHERE issuer_fingerprint_sha256 = ?"
            + " UNION ALL SELECT device_id, serial, fingerprint_sha256, superseded_at, " + RevokedRow.SUPERSEDED
            + " FROM device_certificates WHERE issuer_fingerprint_sha256 = ? AND revoked = 1"
            + " AND fingerprint_sha256 NOT IN (SELECT fingerprint_sha256 FROM revocations)";

    static List<RevokedRow> revoked(Connection c, String issuer) throws SQLException {
        List<RevokedRow> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(REVOKED)) {
            s.setString(1, issuer);
            s.setString(2, issuer);
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new RevokedRow(r.getString(1), r.getString(2), r.getString(3), time(r.getString(4)),
                            r.getInt(5)));
                }
            }
        }
        return out;
    }

    /**
     * The entries of the issuer's CRL (the rows of {@link #REVOKED}, three columns). On SQLite the
     * revocations table is read in its own order ({@code NOT INDEXED}): walking the (issuer, serial)
     * index visits the rows in serial order, i.e. at random, which costs seconds for a million of them.
     */
    static List<RevokedSerial> revokedSerials(Connection c, String issuer, Dialect dialect) throws SQLException {
        List<RevokedSerial> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT serial, revoked_at, reason FROM revocations"
                + (dialect == Dialect.SQLITE ? " NOT INDEXED" : "") + " WHERE issuer_fingerprint_sha256 = ?"
                + " UNION ALL SELECT serial, superseded_at, " + RevokedRow.SUPERSEDED
                + " FROM device_certificates WHERE issuer_fingerprint_sha256 = ? AND revoked = 1"
                + " AND fingerprint_sha256 NOT IN (SELECT fingerprint_sha256 FROM revocations)")) {
            s.setString(1, issuer);
            s.setString(2, issuer);
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new RevokedSerial(r.getString(1), time(r.getString(2)), r.getInt(3)));
                }
            }
        }
        return out;
    }

    static long revokedCount(Connection c, String issuer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM (" + REVOKED + ") t")) {
            s.setString(1, issuer);
            s.setString(2, issuer);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static Optional<RevokedRow> status(Connection c, String issuer, String serial) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM (" + REVOKED + ") t WHERE serial = ?")) {
            s.setString(1, issuer);
            s.setString(2, issuer);
            s.setString(3, serial);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return Optional.of(new RevokedRow(r.getString(1), r.getString(2), r.getString(3),
                            time(r.getString(4)), r.getInt(5)));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT device_id, fingerprint_sha256 FROM devices"
                + " WHERE issuer_fingerprint_sha256 = ? AND serial = ? UNION ALL SELECT device_id, fingerprint_sha256"
                + " FROM device_certificates WHERE issuer_fingerprint_sha256 = ? AND serial = ?")) {
            s.setString(1, issuer);
            s.setString(2, serial);
            s.setString(3, issuer);
            s.setString(4, serial);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new RevokedRow(r.getString(1), serial, r.getString(2), null, -1))
                        : Optional.empty();
            }
        }
    }

    static Instant time(String text) throws SQLException {
        return Times.parse(text).orElseThrow(() -> new SQLException("stored time '" + text
                + "' is not of the form 2026-11-25T10:31:02.123Z"));
    }
}
