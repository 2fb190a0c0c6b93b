package dev.trustline.signer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the store keeps about devices: {@code devices} holds each device's <em>current</em>
 * certificate; when a re-issue replaces it, the old row is first copied into
 * {@code device_certificates} (with when, by which fingerprint, and whether it is to be
 * revoked). Every certificate ever issued is therefore in exactly one of the two tables. Every
 * method runs inside the caller's transaction.
 */
final class Devices {

    static final String COLUMNS = "device_id, serial, fingerprint_sha256,"
            + " issuer_fingerprint_sha256, policy_id, policy_version, sku, hw_rev, batch_id,"
            + " line_no, station, operator, issued_at, state, certificate";
    private static final int IDS_PER_QUERY = 500;

    private Devices() {
    }

    static Optional<DeviceRecord> find(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM devices WHERE device_id = ?")) {
            s.setString(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(record(r)) : Optional.empty();
            }
        }
    }

    /** The current fingerprint of each of {@code ids} that has a certificate. */
    static Map<String, String> currentFingerprints(Connection c, List<String> ids)
            throws SQLException {
        Map<String, String> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            try (PreparedStatement s = c.prepareStatement("SELECT device_id, fingerprint_sha256"
                    + " FROM devices WHERE device_id IN (" + marks(part.size()) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    s.setString(i + 1, part.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getString(1), r.getString(2));
                    }
                }
            }
        }
        return found;
    }

    /** The certificates the device held before its re-issues, oldest first. */
    static List<PreviousCertificate> history(Connection c, String deviceId) throws SQLException {
        List<PreviousCertificate> list = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT device_id, serial,"
                + " fingerprint_sha256, issued_at, superseded_at, superseded_by, revoked"
                + " FROM device_certificates WHERE device_id = ? ORDER BY superseded_at,"
                + " issued_at")) {
            s.setString(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    list.add(new PreviousCertificate(r.getString(1), r.getString(2),
                            r.getString(3), Times.stored(r.getString(4)),
                            Times.stored(r.getString(5)), r.getString(6), r.getInt(7) == 1));
                }
            }
        }
        return list;
    }

    /** Inserts new devices, each issued at {@code time} in batch {@code batchId}. */
    static void insert(Connection c, String batchId, List<IssuedDevice> devices, Instant time)
            throws SQLException {
        if (devices.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO devices (serial,"
                + " fingerprint_sha256, issuer_fingerprint_sha256, policy_id,"
                + " policy_version, sku, hw_rev, batch_id, line_no, station, operator,"
                + " issued_at, state, certificate, device_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (IssuedDevice d : devices) {
                int i = bind(s, batchId, d, time, DeviceState.ISSUED);
                s.setString(i, d.deviceId());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Moves the device's current certificate {@code previous} to its history, then writes d: a
     * re-issue makes the device refurbished; a re-enrolment ({@code kept} not null) keeps its
     * lifecycle state, whose device_states row follows the new certificate.
     */
    static void replace(Connection c, String batchId, IssuedDevice d, String previous,
            Instant time, DeviceState kept) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO device_certificates"
                + " (fingerprint_sha256, device_id, serial, issuer_fingerprint_sha256,"
                + " policy_id, policy_version, sku, hw_rev, batch_id, line_no, station,"
                + " operator, issued_at, state, superseded_at, superseded_by, revoked,"
                + " certificate) SELECT fingerprint_sha256, device_id, serial,"
                + " issuer_fingerprint_sha256, policy_id, policy_version, sku, hw_rev,"
                + " batch_id, line_no, station, operator, issued_at, state,"
                + " CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS INTEGER), certificate"
                + " FROM devices WHERE device_id = ? AND fingerprint_sha256 = ?")) {
            s.setString(1, Times.format(time));
            s.setString(2, d.fingerprintSha256());
            s.setInt(3, d.revokePrevious() ? 1 : 0);
            s.setString(4, d.deviceId());
            s.setString(5, previous);
            if (s.executeUpdate() != 1) {
                throw new SQLException("device " + d.deviceId() + " changed during re-issue");
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE devices SET serial = ?,"
                + " fingerprint_sha256 = ?, issuer_fingerprint_sha256 = ?, policy_id = ?,"
                + " policy_version = ?, sku = ?, hw_rev = ?, batch_id = ?, line_no = ?,"
                + " station = ?, operator = ?, issued_at = ?, state = ?, certificate = ?"
                + " WHERE device_id = ?")) {
            int i = bind(s, batchId, d, time, kept == null ? DeviceState.REFURBISHED : kept);
            s.setString(i, d.deviceId());
            s.executeUpdate();
        }
        if (kept != null) {
            try (PreparedStatement s = c.prepareStatement("UPDATE device_states SET"
                    + " fingerprint_sha256 = ? WHERE device_id = ? AND fingerprint_sha256 = ?")) {
                s.setString(1, d.fingerprintSha256());
                s.setString(2, d.deviceId());
                s.setString(3, previous);
                s.executeUpdate();
            }
        }
    }

    /** The device's lifecycle state: its device_states row while that is about {@code fingerprint}, else devices.state. */
    static DeviceState lifecycleState(Connection c, String deviceId, String fingerprint)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM device_states WHERE"
                + " device_id = ? AND fingerprint_sha256 = ?")) {
            s.setString(1, deviceId);
            s.setString(2, fingerprint);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return DeviceState.of(r.getString(1));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM devices WHERE device_id = ?")) {
            s.setString(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("device " + deviceId + " vanished during re-enrolment");
                }
                return DeviceState.of(r.getString(1));
            }
        }
    }

    private static int bind(PreparedStatement s, String batchId, IssuedDevice d, Instant time,
            DeviceState state) throws SQLException {
        int i = 1;
        s.setString(i++, d.serialHex());
        s.setString(i++, d.fingerprintSha256());
        s.setString(i++, d.issuerFingerprint());
        s.setString(i++, d.policyId());
        s.setInt(i++, d.policyVersion());
        s.setString(i++, d.sku());
        s.setString(i++, d.hwRev());
        s.setString(i++, batchId);
        s.setInt(i++, d.lineNo());
        s.setString(i++, d.station());
        s.setString(i++, d.operator());
        s.setString(i++, Times.format(time));
        s.setString(i++, state.code());
        s.setBytes(i++, d.der());
        return i;
    }

    /** A {@code devices} row read with {@link #COLUMNS}. */
    static DeviceRecord record(ResultSet r) throws SQLException {
        return new DeviceRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getInt(6), r.getString(7), r.getString(8), r.getString(9),
                r.getInt(10), r.getString(11), r.getString(12), Times.stored(r.getString(13)),
                DeviceState.of(r.getString(14)), r.getBytes(15));
    }

    static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
