package dev.trustline.signer.store;

import dev.trustline.signer.ledger.LedgerProblem;
import dev.trustline.signer.ledger.Replay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Every stored row that answers a station or an auditor, compared with the row the ledger
 * implies ({@link Replay}), column by column, as text, exactly (hex case included); each
 * certificate's bytes must hash to the fingerprint its entry names. Then whatever the ledger
 * implies that no row holds. Tables in the order batches, batch_results, devices,
 * device_certificates, quota_usage; rows in key order; the first disagreement is reported.
 */
final class RegistryCheck {

    private final Connection c;
    private final Replay replay;

    RegistryCheck(Connection c, Replay replay) {
        this.c = c;
        this.replay = replay;
    }

    void run() throws SQLException, LedgerProblem {
        batches();
        results();
        devices();
        history();
        quotas();
        new LifecycleCheck(c, replay.lifecycle(), replay.keys()).run();
    }

    private void batches() throws SQLException, LedgerProblem {
        Map<String, Replay.Batch> expected = new HashMap<>(replay.batches());
        try (PreparedStatement s = c.prepareStatement("SELECT batch_id, station, policy_id,"
                + " content_sha256, line_count, created_at FROM batches ORDER BY batch_id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String id = r.getString(1);
                Replay.Batch b = expected.remove(id);
                StoredRow row = new StoredRow("batches row " + id, b == null ? -1 : b.seq(), r);
                row.exists(b != null);
                row.same(2, "station", b.station());
                row.same(3, "policy_id", b.policyId());
                row.same(4, "content_sha256", b.contentSha256());
                row.same(5, "line_count", String.valueOf(b.lines()));
                row.same(6, "created_at", b.createdAt());
            }
        }
        StoredRow.missing(expected, "batches", Replay.Batch::seq, Replay.Batch::batchId);
    }

    private void results() throws SQLException, LedgerProblem {
        Map<Replay.ResultKey, Replay.Result> expected = new HashMap<>(replay.results());
        try (PreparedStatement s = c.prepareStatement("SELECT batch_id, line_no, device_id,"
                + " status, error_code, message, serial, fingerprint_sha256, certificate"
                + " FROM batch_results ORDER BY batch_id, line_no")) {
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Replay.ResultKey key = new Replay.ResultKey(r.getString(1), r.getInt(2));
                    Replay.Result e = expected.remove(key);
                    StoredRow row = new StoredRow("batch_results row " + key.batchId() + " line "
                            + r.getString(2), e == null ? -1 : e.seq(), r);
                    row.exists(e != null);
                    row.same(3, "device_id", e.deviceId());
                    row.same(4, "status", e.status());
                    row.same(5, "error_code", e.errorCode());
                    row.same(6, "message", e.message());
                    row.same(7, "serial", e.serial());
                    row.same(8, "fingerprint_sha256", e.fingerprint());
                    row.certificate(9, e.fingerprint());
                }
            }
        }
        StoredRow.missing(expected, "batch_results", Replay.Result::seq,
                r -> "line answered in entry " + r.seq());
    }

    private void devices() throws SQLException, LedgerProblem {
        Map<String, Replay.Device> expected = new HashMap<>(replay.devices());
        try (PreparedStatement s = c.prepareStatement("SELECT " + Devices.COLUMNS
                + " FROM devices ORDER BY device_id")) {
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Replay.Device d = expected.remove(r.getString(1));
                    StoredRow row = new StoredRow("devices row " + r.getString(1), d == null ? -1 : d.seq(), r);
                    row.exists(d != null);
                    device(row, d);
                    row.certificate(15, d.fingerprint());
                }
            }
        }
        StoredRow.missing(expected, "devices", Replay.Device::seq, Replay.Device::deviceId);
    }

    /** Columns 2-14 of a devices or device_certificates row read with {@link Devices#COLUMNS}. */
    private static void device(StoredRow row, Replay.Device d) throws SQLException, LedgerProblem {
        row.same(2, "serial", d.serial());
        row.same(3, "fingerprint_sha256", d.fingerprint());
        row.same(4, "issuer_fingerprint_sha256", d.issuerFingerprint());
        row.same(5, "policy_id", d.policyId());
        row.same(6, "policy_version", String.valueOf(d.policyVersion()));
        row.same(7, "sku", d.sku());
        row.same(8, "hw_rev", d.hwRev());
        row.same(9, "batch_id", d.batchId());
        row.same(10, "line_no", String.valueOf(d.line()));
        row.same(11, "station", d.station());
        row.same(12, "operator", d.operator());
        row.same(13, "issued_at", d.issuedAt());
        row.same(14, "state", d.state());
    }

    private void history() throws SQLException, LedgerProblem {
        Map<String, Replay.Previous> expected = new HashMap<>(replay.history());
        try (PreparedStatement s = c.prepareStatement("SELECT " + Devices.COLUMNS
                + ", superseded_at, superseded_by, revoked FROM device_certificates"
                + " ORDER BY fingerprint_sha256")) {
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Replay.Previous p = expected.remove(r.getString(3));
                    StoredRow row = new StoredRow("device_certificates row " + r.getString(3) + " (device "
                            + r.getString(1) + ")", p == null ? -1 : p.seq(), r);
                    row.exists(p != null);
                    row.same(1, "device_id", p.device().deviceId());
                    device(row, p.device());
                    row.certificate(15, p.device().fingerprint());
                    row.same(16, "superseded_at", p.supersededAt());
                    row.same(17, "superseded_by", p.supersededBy());
                    row.same(18, "revoked", p.revoked() ? "1" : "0");
                }
            }
        }
        StoredRow.missing(expected, "device_certificates", Replay.Previous::seq,
                p -> p.device().fingerprint());
    }

    private void quotas() throws SQLException, LedgerProblem {
        Map<Replay.QuotaKey, Long> expected = new HashMap<>(replay.quotas());
        try (PreparedStatement s = c.prepareStatement("SELECT policy_id, period, certificates"
                + " FROM quota_usage ORDER BY policy_id, period");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Replay.QuotaKey key = new Replay.QuotaKey(r.getString(1), r.getString(2));
                Long count = expected.remove(key);
                StoredRow row = new StoredRow("quota_usage row " + key.policyId() + " " + key.period(), -1, r);
                row.exists(count != null);
                row.same(3, "certificates", String.valueOf(count));
            }
        }
        var left = expected.keySet().stream().min(Comparator.comparing(Replay.QuotaKey::policyId)
                .thenComparing(Replay.QuotaKey::period));
        if (left.isPresent()) {
            throw new LedgerProblem(-1, "quota_usage has no row " + left.get().policyId() + " "
                    + left.get().period() + ", but the ledger issues "
                    + expected.get(left.get()) + " certificates there");
        }
    }

}
