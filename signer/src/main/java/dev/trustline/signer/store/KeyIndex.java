package dev.trustline.signer.store;

import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The registry's index of certified public keys (table device_keys: SHA-256 of the DER
 * SubjectPublicKeyInfo -> the device it was certified for), so that one key is never certified for
 * two devices (refusal code {@value #KEY_REUSE}). A device re-issued with its own key is no reuse.
 */
final class KeyIndex {
    /** Refusal code: the CSR's public key is already certified for another device. */
    static final String KEY_REUSE = "key-reuse";
    private static final int IN_LIMIT = 500;

    private KeyIndex() {
    }

    /** SHA-256 (hex) of a DER SubjectPublicKeyInfo. */
    static String hash(SubjectPublicKeyInfo spki) {
        try {
            return Digests.sha256Hex(spki.getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode a public key", e);
        }
    }

    /** The key hash of {@code d}'s certificate, or null when its DER is no certificate (the store's own tests use made-up DER). */
    static String hash(IssuedDevice d) {
        return d.publicKeySha256();
    }

    /** The key hash of a certificate's DER, or null when it is no certificate. */
    static String hashOfCertificate(byte[] der) {
        try {
            return hash(new X509CertificateHolder(der).getSubjectPublicKeyInfo());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The device each of {@code hashes} is certified for, where it is. */
    static Map<String, String> owners(Connection c, Collection<String> hashes) throws SQLException {
        Map<String, String> out = new HashMap<>();
        List<String> all = new ArrayList<>(hashes);
        for (int from = 0; from < all.size(); from += IN_LIMIT) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IN_LIMIT));
            try (PreparedStatement s = c.prepareStatement("SELECT public_key_sha256, device_id FROM device_keys"
                    + " WHERE public_key_sha256 IN (" + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    s.setString(i + 1, part.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getString(2));
                    }
                }
            }
        }
        return out;
    }

    /** Records the keys of {@code issued}; a key already recorded for the same device stays as it is. */
    static void record(Connection c, List<IssuedDevice> issued) throws SQLException {
        if (issued.stream().allMatch(d -> hash(d) == null)) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO device_keys (public_key_sha256, device_id)"
                + " VALUES (?, ?) ON CONFLICT (public_key_sha256) DO NOTHING")) {
            for (IssuedDevice d : issued) {
                String key = hash(d);
                if (key == null) {
                    continue;
                }
                s.setString(1, key);
                s.setString(2, d.deviceId());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
