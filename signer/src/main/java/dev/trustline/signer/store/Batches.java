package dev.trustline.signer.store;

import dev.trustline.signer.ledger.BatchEntry;
import dev.trustline.signer.ledger.LedgerRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the store keeps about batches: the {@code batches} row a station registered (with its
 * "batch" ledger entry), and one {@code batch_results} row per committed line (what a retried
 * batch is answered from). Every method runs inside the caller's transaction.
 */
final class Batches {

    static final String RESULT_COLUMNS = "batch_id, line_no, device_id, status,"
            + " error_code, message, serial, fingerprint_sha256, certificate";

    /** A registered batch as stored. */
    record Batch(String station, String policyId, String contentSha256, int lineCount) {

        /** Null if a registration with these values is the same batch, else how it differs. */
        String conflictWith(String otherStation, String otherPolicy, String otherSha,
                int otherLines) {
            if (!contentSha256.equals(otherSha)) {
                return "was registered with different content (sha256 " + contentSha256
                        + ", now " + otherSha + ")";
            }
            if (!station.equals(otherStation)) {
                return "was registered by station " + station + ", not " + otherStation;
            }
            if (!policyId.equals(otherPolicy)) {
                return "was registered for policy " + policyId + ", not " + otherPolicy;
            }
            if (lineCount != otherLines) {
                return "was registered with " + lineCount + " lines, not " + otherLines;
            }
            return null;
        }
    }

    private Batches() {
    }

    /** See {@link Store#registerBatch}; {@code sha} is already checked. */
    static BatchRegistration register(Connection c, String batchId, String station,
            String policyId, String sha, int lines, String headLock, Instant now)
            throws SQLException, StoreException {
        Ledger.Head head = Ledger.head(c, headLock);
        Instant time = head.timeFor(now.truncatedTo(ChronoUnit.MILLIS));
        if (insert(c, batchId, station, policyId, sha, lines, time)) {
            LedgerRow row = head.next(time, new BatchEntry(batchId, station, policyId, sha, lines));
            Ledger.append(c, List.of(row), head.after(row, time));
            return new BatchRegistration(BatchRegistration.Status.NEW, batchId, lines,
                    List.of(), "new batch");
        }
        Batch stored = find(c, batchId).orElseThrow(() -> new StoreException(
                "batch " + batchId + " vanished while registering it"));
        String conflict = stored.conflictWith(station, policyId, sha, lines);
        if (conflict != null) {
            return new BatchRegistration(BatchRegistration.Status.CONFLICT, batchId,
                    stored.lineCount(), List.of(), "batch " + batchId + " " + conflict);
        }
        List<BatchResultRow> results = results(c, batchId, 1, stored.lineCount());
        boolean complete = results.size() == stored.lineCount();
        return new BatchRegistration(complete ? BatchRegistration.Status.EXISTING
                : BatchRegistration.Status.RESUMED, batchId, stored.lineCount(), results,
                results.size() + " of " + stored.lineCount() + " lines already committed");
    }

    /** True if the row was new; false if a batch of that id exists (and is left as it is). */
    private static boolean insert(Connection c, String batchId, String station, String policyId,
            String sha, int lines, Instant time) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO batches (batch_id, station,"
                + " policy_id, content_sha256, line_count, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (batch_id) DO NOTHING")) {
            s.setString(1, batchId);
            s.setString(2, station);
            s.setString(3, policyId);
            s.setString(4, sha);
            s.setInt(5, lines);
            s.setString(6, Times.format(time));
            return s.executeUpdate() == 1;
        }
    }

    static Optional<Batch> find(Connection c, String batchId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT station, policy_id, content_sha256,"
                + " line_count FROM batches WHERE batch_id = ?")) {
            s.setString(1, batchId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Batch(r.getString(1), r.getString(2),
                        r.getString(3), r.getInt(4))) : Optional.empty();
            }
        }
    }

    /** The committed lines {@code from..to} of the batch, in line order. */
    static List<BatchResultRow> results(Connection c, String batchId, int from, int to)
            throws SQLException {
        List<BatchResultRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + RESULT_COLUMNS
                + " FROM batch_results WHERE batch_id = ? AND line_no BETWEEN ? AND ?"
                + " ORDER BY line_no")) {
            s.setString(1, batchId);
            s.setInt(2, from);
            s.setInt(3, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(resultRow(r));
                }
            }
        }
        return rows;
    }

    /** A {@code batch_results} row read with {@link #RESULT_COLUMNS}. */
    static BatchResultRow resultRow(ResultSet r) throws SQLException {
        return new BatchResultRow(r.getString(1), r.getInt(2), r.getString(3),
                LineStatus.of(r.getString(4)), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), r.getBytes(9));
    }

    static void insertResults(Connection c, List<BatchResultRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO batch_results ("
                + RESULT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (BatchResultRow r : rows) {
                s.setString(1, r.batchId());
                s.setInt(2, r.lineNo());
                s.setString(3, r.deviceId());
                s.setString(4, r.status().code());
                s.setString(5, r.errorCode());
                s.setString(6, r.message());
                s.setString(7, r.serialHex());
                s.setString(8, r.fingerprintSha256());
                s.setBytes(9, r.certificateDer());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
