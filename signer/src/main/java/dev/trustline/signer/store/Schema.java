package dev.trustline.signer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The versioned schema: {@code schema_version} holds one row per applied migration, and
 * {@link #MIGRATIONS} lists every migration in order. Opening a store applies the missing ones,
 * all in one write transaction (all or none) after taking the dialect's migration lock, and
 * refuses a database whose version is newer than this code. Append new migrations to the list;
 * never edit one that has shipped.
 *
 * <p>Hand-made rather than Flyway: flyway-core 13 does not handle {@code jdbc:sqlite:} itself;
 * its SQLite support is the community module {@code flyway-database-nc-sqlite}, outside
 * Redgate's supported set and not found on the Maven Central mirror reachable here (checked
 * 2026-12-04). One library for one of the two databases would be two migration paths.
 */
final class Schema {

    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "registry, batches, ledger and quota usage", List.of(
                    """
                    CREATE TABLE batches (
                      batch_id TEXT PRIMARY KEY,
                      station TEXT NOT NULL,
                      policy_id TEXT NOT NULL,
                      content_sha256 TEXT NOT NULL,
                      line_count INTEGER NOT NULL,
                      created_at TEXT NOT NULL)""",
                    """
                    CREATE TABLE devices (
                      device_id TEXT PRIMARY KEY,
                      serial TEXT NOT NULL,
                      fingerprint_sha256 TEXT NOT NULL UNIQUE,
                      issuer_fingerprint_sha256 TEXT NOT NULL,
                      policy_id TEXT NOT NULL,
                      policy_version INTEGER NOT NULL,
                      sku TEXT NOT NULL,
                      hw_rev TEXT NOT NULL,
                      batch_id TEXT NOT NULL REFERENCES batches (batch_id),
                      line_no INTEGER NOT NULL,
                      station TEXT NOT NULL,
                      operator TEXT NOT NULL,
                      issued_at TEXT NOT NULL,
                      state TEXT NOT NULL CHECK (state IN ('issued', 'shipped', 'activated',
                        'returned', 'refurbished', 'revoked', 'retired')),
                      certificate ${blob} NOT NULL,
                      UNIQUE (issuer_fingerprint_sha256, serial))""",
                    """
                    CREATE TABLE device_certificates (
                      fingerprint_sha256 TEXT PRIMARY KEY,
                      device_id TEXT NOT NULL REFERENCES devices (device_id),
                      serial TEXT NOT NULL,
                      issuer_fingerprint_sha256 TEXT NOT NULL,
                      policy_id TEXT NOT NULL,
                      policy_version INTEGER NOT NULL,
                      sku TEXT NOT NULL,
                      hw_rev TEXT NOT NULL,
                      batch_id TEXT NOT NULL REFERENCES batches (batch_id),
                      line_no INTEGER NOT NULL,
                      station TEXT NOT NULL,
                      operator TEXT NOT NULL,
                      issued_at TEXT NOT NULL,
                      state TEXT NOT NULL,
                      superseded_at TEXT NOT NULL,
                      superseded_by TEXT NOT NULL,
                      revoked INTEGER NOT NULL CHECK (revoked IN (0, 1)),
                      certificate ${blob} NOT NULL)""",
                    "CREATE INDEX device_certificates_device ON device_certificates (device_id)",
                    """
                    CREATE TABLE batch_results (
                      batch_id TEXT NOT NULL REFERENCES batches (batch_id),
                      line_no INTEGER NOT NULL,
                      device_id TEXT,
                      status TEXT NOT NULL CHECK (status IN ('issued', 'refused')),
                      error_code TEXT,
                      message TEXT,
                      serial TEXT,
                      fingerprint_sha256 TEXT,
                      certificate ${blob},
                      PRIMARY KEY (batch_id, line_no))""",
                    """
                    CREATE TABLE ledger (
                      seq ${bigint} PRIMARY KEY,
                      time TEXT NOT NULL,
                      type TEXT NOT NULL,
                      payload TEXT NOT NULL,
                      prev TEXT NOT NULL,
                      hash TEXT NOT NULL)""",
                    """
                    CREATE TABLE ledger_head (
                      id INTEGER PRIMARY KEY CHECK (id = 1),
                      next_seq ${bigint} NOT NULL,
                      hash TEXT NOT NULL,
                      time TEXT)""",
                    "INSERT INTO ledger_head (id, next_seq, hash, time) VALUES (1, 0, '"
                            + "0".repeat(64) + "', NULL)",
                    """
                    CREATE TABLE quota_usage (
                      policy_id TEXT NOT NULL,
                      period TEXT NOT NULL,
                      certificates ${bigint} NOT NULL,
                      PRIMARY KEY (policy_id, period))""")),
            new Migration(2, "device lifecycle: provenance, states, transitions, revocations, CRLs", List.of(
                    "ALTER TABLE devices ADD COLUMN firmware_build TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE devices ADD COLUMN spec_version TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE devices ADD COLUMN factory_site TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE devices ADD COLUMN manufactured_at TEXT",
                    "ALTER TABLE device_certificates ADD COLUMN firmware_build TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE device_certificates ADD COLUMN spec_version TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE device_certificates ADD COLUMN factory_site TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE device_certificates ADD COLUMN manufactured_at TEXT",
                    // The lifecycle state of a device's current certificate once a transition has set
                    // it; a re-issue (new fingerprint) makes the row stale, and devices.state applies.
                    """
                    CREATE TABLE device_states (
                      device_id TEXT PRIMARY KEY REFERENCES devices (device_id),
                      fingerprint_sha256 TEXT NOT NULL,
                      state TEXT NOT NULL CHECK (state IN ('issued', 'provisioned', 'shipped',
                        'activated', 'returned', 'refurbished', 'revoked', 'retired')),
                      changed_at TEXT NOT NULL,
                      ledger_seq ${bigint} NOT NULL)""",
                    """
                    CREATE TABLE device_transitions (
                      ledger_seq ${bigint} PRIMARY KEY,
                      device_id TEXT NOT NULL,
                      fingerprint_sha256 TEXT NOT NULL,
                      from_state TEXT NOT NULL,
                      to_state TEXT NOT NULL,
                      actor TEXT NOT NULL,
                      role TEXT NOT NULL,
                      reason TEXT NOT NULL,
                      at TEXT NOT NULL)""",
                    "CREATE INDEX device_transitions_device ON device_transitions (device_id, ledger_seq)",
                    """
                    CREATE TABLE revocations (
                      fingerprint_sha256 TEXT PRIMARY KEY,
                      device_id TEXT NOT NULL,
                      issuer_fingerprint_sha256 TEXT NOT NULL,
                      serial TEXT NOT NULL,
                      reason INTEGER NOT NULL,
                      revoked_at TEXT NOT NULL,
                      ledger_seq ${bigint} NOT NULL,
                      UNIQUE (issuer_fingerprint_sha256, serial))""",
                    """
                    CREATE TABLE crls (
                      issuer_fingerprint_sha256 TEXT NOT NULL,
                      crl_number ${bigint} NOT NULL,
                      this_update TEXT NOT NULL,
                      next_update TEXT NOT NULL,
                      entries ${bigint} NOT NULL,
                      crl ${blob} NOT NULL,
                      PRIMARY KEY (issuer_fingerprint_sha256, crl_number))""")),
            new Migration(3, "public-key index: one key is certified for one device only", List.of(
                    """
                    CREATE TABLE device_keys (
                      public_key_sha256 TEXT PRIMARY KEY,
                      device_id TEXT NOT NULL)""")),
            new Migration(4, "batch leases: one signer instance works on a batch at a time", List.of(
                    "ALTER TABLE batches ADD COLUMN lease_holder TEXT",
                    "ALTER TABLE batches ADD COLUMN lease_until TEXT")),
            new Migration(5, "rate buckets shared by the signer instances of one database", List.of(
                    // tokens in millionths of a token; updated_at in microseconds of the
                    // database's clock (Dialect.nowMicros), so the hosts' clocks do not matter
                    """
                    CREATE TABLE rate_buckets (
                      bucket TEXT PRIMARY KEY,
                      tokens ${bigint} NOT NULL,
                      updated_at ${bigint} NOT NULL)""")));

    /** The schema version this code writes and understands. */
    static final int CURRENT = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private Schema() {
    }

    static void createVersionTable(Connection c) throws SQLException {
        Dialect.exec(c, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                + " description TEXT NOT NULL, applied_at TEXT NOT NULL)");
    }

    /** The highest applied version, 0 for a new database. */
    static int version(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(version) FROM schema_version");
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    static void apply(Connection c, Dialect dialect, Migration m, Instant now) throws SQLException {
        for (String sql : m.statements()) {
            Dialect.exec(c, dialect.ddl(sql));
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            s.setInt(1, m.version());
            s.setString(2, m.description());
            s.setString(3, Times.format(now));
            s.executeUpdate();
        }
    }
}
