package dev.trustline.signer.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.core.chain.ChainEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Store#verifyLedger}: the chain rules of {@code core.chain} applied to the ledger rows,
 * then the registry checked against the "issued" entries in both directions, then the quota
 * counters against the registry. Stops at the first problem.
 */
final class LedgerAudit {

    /** A ledger row that is not even a well-formed entry. */
    static final class BadRow extends Exception {
        private static final long serialVersionUID = 1L;
        final long seq;

        BadRow(long seq, String message) {
            super(message);
            this.seq = seq;
        }
    }

    private record Issued(String deviceId, long seq) {
    }

    /** A problem found; unwinds to {@link #run}. */
    private static final class Found extends Exception {
        private static final long serialVersionUID = 1L;
        final long seq;

        Found(long seq, String message) {
            super(message, null, false, false);
            this.seq = seq;
        }
    }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Connection c;
    private final Map<String, Issued> issued = new HashMap<>();
    private long entries;
    private String head = ChainEntry.ZERO_HASH;

    LedgerAudit(Connection c) {
        this.c = c;
    }

    LedgerVerification run() throws SQLException {
        try {
            chain();
            headRow();
            registry("devices", "device");
            registry("device_certificates", "previous certificate of device");
            unmatchedEntries();
            quotas();
            return LedgerVerification.passed(entries, head);
        } catch (Found f) {
            return LedgerVerification.failed(entries, head, f.seq, f.getMessage());
        }
    }

    /** The entry a ledger row spells; checks each field's form, not the hash. */
    static ChainEntry entryOf(ResultSet r) throws SQLException, BadRow {
        long seq = r.getLong(1);
        String timeText = r.getString(2);
        Instant time = Times.parse(timeText).orElseThrow(() -> new BadRow(seq,
                "time '" + timeText + "' is not of the form 2026-11-25T10:31:02.123Z"));
        String payloadText = r.getString(4);
        JsonNode payload;
        try {
            payload = payloadText == null ? null : STRICT.readTree(payloadText);
        } catch (JsonProcessingException e) {
            throw new BadRow(seq, "payload is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (payload == null || !payload.isObject()) {
            throw new BadRow(seq, "payload is not a JSON object");
        }
        try {
            return new ChainEntry(seq, time, r.getString(3), (ObjectNode) payload, r.getString(5),
                    r.getString(6));
        } catch (IllegalArgumentException e) {
            throw new BadRow(seq, e.getMessage());
        }
    }

    private void chain() throws SQLException, Found {
        Instant lastTime = null;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq, time, type, payload, prev, hash FROM ledger ORDER BY seq")) {
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long seq = r.getLong(1);
                    if (seq != entries) {
                        throw new Found(entries, "ledger entry " + entries + " is missing (the"
                                + " next stored entry is " + seq + ")");
                    }
                    ChainEntry e;
                    try {
                        e = entryOf(r);
                    } catch (BadRow b) {
                        throw new Found(seq, "ledger entry " + seq + ": " + b.getMessage());
                    }
                    if (!e.hashMatches()) {
                        throw new Found(seq, "ledger entry " + seq
                                + ": hash does not match its content");
                    }
                    if (!e.prev().equals(head)) {
                        throw new Found(seq, "ledger entry " + seq + ": " + (seq == 0
                                ? "prev is not 64 zeros"
                                : "prev does not match the hash of entry " + (seq - 1)));
                    }
                    if (!CanonicalJson.encodeToString(e.payload()).equals(r.getString(4))) {
                        throw new Found(seq, "ledger entry " + seq
                                + ": payload is not in canonical form");
                    }
                    if (lastTime != null && e.time().isBefore(lastTime)) {
                        throw new Found(seq, "ledger entry " + seq + ": time goes backwards from"
                                + " entry " + (seq - 1));
                    }
                    if (LedgerPayloads.ISSUED.equals(e.type())) {
                        noteIssued(e);
                    }
                    lastTime = e.time();
                    head = e.hash();
                    entries++;
                }
            }
        }
    }

    private void noteIssued(ChainEntry e) throws Found {
        ObjectNode p = e.payload();
        JsonNode device = p.get("deviceId");
        JsonNode fingerprint = p.get("fingerprint");
        if (device == null || !device.isTextual() || fingerprint == null
                || !fingerprint.isTextual()) {
            throw new Found(e.seq(), "ledger entry " + e.seq()
                    + ": issued entry without deviceId or fingerprint");
        }
        Issued before = issued.putIfAbsent(fingerprint.textValue(),
                new Issued(device.textValue(), e.seq()));
        if (before != null) {
            throw new Found(e.seq(), "ledger entry " + e.seq() + ": certificate sha256 "
                    + fingerprint.textValue() + " was already issued in entry " + before.seq);
        }
    }

    private void headRow() throws SQLException, Found {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT next_seq, hash FROM ledger_head WHERE id = 1");
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new Found(-1, "the ledger_head row is missing");
            }
            long next = r.getLong(1);
            String hash = r.getString(2);
            if (next != entries || !Objects.equals(hash, head)) {
                throw new Found(next > entries ? entries : -1, "the ledger head records "
                        + next + " entries ending in " + hash + ", but the ledger holds "
                        + entries + " ending in " + head
                        + (next > entries ? " (entries removed from the end)" : ""));
            }
        }
    }

    private void registry(String table, String what) throws SQLException, Found {
        try (PreparedStatement s = c.prepareStatement("SELECT device_id, fingerprint_sha256,"
                + " certificate FROM " + table + " ORDER BY device_id, fingerprint_sha256")) {
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String device = r.getString(1);
                    String fingerprint = r.getString(2);
                    if (!CanonicalJson.sha256Hex(r.getBytes(3)).equals(fingerprint)) {
                        throw new Found(-1, what + " " + device + ": stored certificate does not"
                                + " match its fingerprint " + fingerprint);
                    }
                    Issued entry = issued.remove(fingerprint);
                    if (entry == null) {
                        throw new Found(-1, what + " " + device + " has no issuance entry in the"
                                + " ledger (certificate sha256 " + fingerprint + ")");
                    }
                    if (!entry.deviceId.equals(device)) {
                        throw new Found(entry.seq, "ledger entry " + entry.seq + " issues"
                                + " certificate sha256 " + fingerprint + " to device "
                                + entry.deviceId + ", but the registry holds it for " + device);
                    }
                }
            }
        }
    }

    private void unmatchedEntries() throws Found {
        var first = issued.entrySet().stream()
                .min(Comparator.comparingLong(e -> e.getValue().seq));
        if (first.isPresent()) {
            Issued entry = first.get().getValue();
            throw new Found(entry.seq, "ledger entry " + entry.seq + ": certificate sha256 "
                    + first.get().getKey() + " of device " + entry.deviceId
                    + " is in neither devices nor device_certificates");
        }
    }

    /** The quota counters must equal the certificates in the registry, per policy and day. */
    private void quotas() throws SQLException, Found {
        Map<String, Long> counted = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT policy_id, substr(issued_at, 1, 10),"
                + " COUNT(*) FROM (SELECT policy_id, issued_at FROM devices UNION ALL"
                + " SELECT policy_id, issued_at FROM device_certificates) t GROUP BY policy_id,"
                + " substr(issued_at, 1, 10)");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counted.merge(r.getString(1) + " for " + r.getString(2), r.getLong(3), Long::sum);
                counted.merge(r.getString(1) + " in total", r.getLong(3), Long::sum);
            }
        }
        Map<String, Long> recorded = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT policy_id, period, certificates FROM quota_usage");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String period = r.getString(2);
                recorded.put(r.getString(1) + ("total".equals(period) ? " in total"
                        : " for " + period), r.getLong(3));
            }
        }
        var keys = new java.util.TreeSet<>(counted.keySet());
        keys.addAll(recorded.keySet());
        for (String key : keys) {
            long has = counted.getOrDefault(key, 0L);
            long says = recorded.getOrDefault(key, 0L);
            if (has != says) {
                throw new Found(-1, "quota usage of policy " + key + " records " + says
                        + " certificates, but the registry holds " + has);
            }
        }
    }
}
