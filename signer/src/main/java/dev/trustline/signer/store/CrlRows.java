package dev.trustline.signer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** What the store keeps of published device CRLs ({@code crls}), inside the caller's transaction. */
final class CrlRows {
    private CrlRows() {
    }

    static Optional<StoredCrl> latest(Connection c, String issuer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT issuer_fingerprint_sha256, crl_number, this_update,"
                + " next_update, entries, crl FROM crls WHERE issuer_fingerprint_sha256 = ?"
                + " ORDER BY crl_number DESC LIMIT 1")) {
            s.setString(1, issuer);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new StoredCrl(r.getString(1), r.getLong(2),
                        LifecycleRows.time(r.getString(3)), LifecycleRows.time(r.getString(4)), r.getLong(5),
                        r.getBytes(6))) : Optional.empty();
            }
        }
    }

    /** The highest CRL number published for {@code issuer}, 0 if none (without reading the CRL's bytes). */
    static long latestNumber(Connection c, String issuer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(crl_number) FROM crls WHERE issuer_fingerprint_sha256 = ?")) {
            s.setString(1, issuer);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    static void insert(Connection c, StoredCrl crl) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO crls (issuer_fingerprint_sha256, crl_number,"
                + " this_update, next_update, entries, crl) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, crl.issuerFingerprint());
            s.setLong(2, crl.number());
            s.setString(3, Times.format(crl.thisUpdate()));
            s.setString(4, Times.format(crl.nextUpdate()));
            s.setLong(5, crl.entries());
            s.setBytes(6, crl.der());
            s.executeUpdate();
        }
    }
}
