package dev.trustline.signer.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.core.chain.ChainEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The registry's provisioning evidence (issue 13): one row per device that a station proved on the line
 * (challenge verified against the registered certificate, debug locked, self-test, firmware hash,
 * station, operator, time), written in one transaction with a {@code provisioned} ledger entry.
 * A device with a row here is "provisioned"; the devices table's state column is left to the lifecycle
 * work (issue 12), which can fold this table into its transitions.
 *
 * <p>The table is created here if missing (not yet a numbered migration in {@link Schema}: to be
 * reconciled with the lifecycle migration).
 */
public final class ProvisioningRecords {
    public static final String LEDGER_TYPE = "provisioned";
    private static final String TABLE = """
            CREATE TABLE IF NOT EXISTS provisioning_evidence (
              device_id TEXT PRIMARY KEY REFERENCES devices (device_id),
              fingerprint_sha256 TEXT NOT NULL,
              station TEXT NOT NULL,
              operator TEXT NOT NULL,
              challenge TEXT NOT NULL,
              signature TEXT NOT NULL,
              debug_locked INTEGER NOT NULL,
              self_test TEXT NOT NULL,
              firmware_build TEXT NOT NULL,
              firmware_sha256 TEXT NOT NULL,
              hw_rev TEXT NOT NULL,
              station_time TEXT NOT NULL,
              recorded_at TEXT NOT NULL,
              ledger_seq ${bigint} NOT NULL)""";

    /** What the station reported and the signer checked. */
    public record Evidence(String deviceId, String fingerprint, String station, String operator, String challenge,
                           String signature, boolean debugLocked, String selfTest, String firmwareBuild,
                           String firmwareSha256, String hwRev, String stationTime) {
    }

    /** A device's recorded evidence: when, which ledger entry, and whether this call found it already there. */
    public record Recorded(String deviceId, String fingerprint, Instant recordedAt, long ledgerSeq, boolean alreadyRecorded) {
    }

    private final Store store;

    public ProvisioningRecords(Store store) throws StoreException {
        this.store = store;
        store.writeTransaction("create the provisioning evidence table", c -> {
            Dialect.exec(c, store.dialect().ddl(TABLE));
            return null;
        });
    }

    public Optional<Recorded> find(String deviceId) throws StoreException {
        return store.readTransaction("read provisioning evidence of " + deviceId, c -> find(c, deviceId));
    }

    /**
     * Records {@code e} unless the device already has evidence (then returns that, marked already recorded).
     * Empty when the device's current certificate is no longer {@code e.fingerprint()}.
     */
    public Optional<Recorded> record(Evidence e, Instant now) throws StoreException {
        return store.writeTransaction("record provisioning evidence of " + e.deviceId(), c -> {
            Optional<Recorded> existing = find(c, e.deviceId());
            if (existing.isPresent()) {
                return existing.map(r -> new Recorded(r.deviceId(), r.fingerprint(), r.recordedAt(), r.ledgerSeq(), true));
            }
            if (!e.fingerprint().equals(currentFingerprint(c, e.deviceId()))) {
                return Optional.empty();
            }
            ChainEntry entry = appendLedger(c, e, now.truncatedTo(ChronoUnit.MILLIS));
            insert(c, e, entry);
            return Optional.of(new Recorded(e.deviceId(), e.fingerprint(), entry.time(), entry.seq(), false));
        });
    }

    private static Optional<Recorded> find(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT fingerprint_sha256, recorded_at, ledger_seq"
                + " FROM provisioning_evidence WHERE device_id = ?")) {
            s.setString(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Instant at = Times.parse(r.getString(2)).orElseThrow(() -> new SQLException("bad recorded_at"));
                return Optional.of(new Recorded(deviceId, r.getString(1), at, r.getLong(3), false));
            }
        }
    }

    private static String currentFingerprint(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT fingerprint_sha256 FROM devices WHERE device_id = ?")) {
            s.setString(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private ChainEntry appendLedger(Connection c, Evidence e, Instant now) throws SQLException {
        long seq;
        String prev;
        Instant time = now;
        try (PreparedStatement s = c.prepareStatement("SELECT next_seq, hash, time FROM ledger_head WHERE id = 1"
                + store.dialect().headLockSuffix()); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("ledger_head row is missing");
            }
            seq = r.getLong(1);
            prev = r.getString(2);
            Instant last = Times.parse(r.getString(3)).orElse(null);
            if (last != null && last.isAfter(time)) {
                time = last;
            }
        }
        ChainEntry entry = ChainEntry.create(seq, time, LEDGER_TYPE, payload(e), prev);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger (seq, time, type, payload, prev, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, entry.seq());
            s.setString(2, Times.format(entry.time()));
            s.setString(3, entry.type());
            s.setString(4, CanonicalJson.encodeToString(entry.payload()));
            s.setString(5, entry.prev());
            s.setString(6, entry.hash());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE ledger_head SET next_seq = ?, hash = ?, time = ? WHERE id = 1")) {
            s.setLong(1, entry.seq() + 1);
            s.setString(2, entry.hash());
            s.setString(3, Times.format(entry.time()));
            s.executeUpdate();
        }
        return entry;
    }

    /** Ledger payload of a {@code provisioned} entry; field names are part of the ledger format. */
    private static ObjectNode payload(Evidence e) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("deviceId", e.deviceId());
        p.put("fingerprint", e.fingerprint());
        p.put("station", e.station());
        p.put("operator", e.operator());
        p.put("challengeVerified", true);
        p.put("debugLocked", e.debugLocked());
        p.put("selfTest", e.selfTest());
        p.put("firmwareBuild", e.firmwareBuild());
        p.put("firmwareSha256", e.firmwareSha256());
        p.put("stationTime", e.stationTime());
        return p;
    }

    private static void insert(Connection c, Evidence e, ChainEntry entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO provisioning_evidence (device_id, fingerprint_sha256, station,"
                + " operator, challenge, signature, debug_locked, self_test, firmware_build, firmware_sha256, hw_rev, station_time,"
                + " recorded_at, ledger_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            String[] text = {e.deviceId(), e.fingerprint(), e.station(), e.operator(), e.challenge(), e.signature()};
            for (int i = 0; i < text.length; i++) {
                s.setString(i + 1, text[i]);
            }
            s.setInt(7, e.debugLocked() ? 1 : 0);
            s.setString(8, e.selfTest());
            s.setString(9, e.firmwareBuild());
            s.setString(10, e.firmwareSha256());
            s.setString(11, e.hwRev());
            s.setString(12, e.stationTime());
            s.setString(13, Times.format(entry.time()));
            s.setLong(14, entry.seq());
            s.executeUpdate();
        }
    }
}
