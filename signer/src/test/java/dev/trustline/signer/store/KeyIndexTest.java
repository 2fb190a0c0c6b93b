package dev.trustline.signer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustline.core.chain.CanonicalJson;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit's own key-reuse check (the one that holds when two batches pass the pre-signing check at
 * once): on a real SQLite file, a second device certified with a key already certified for another
 * device is refused as key-reuse and its certificate discarded; the same device re-issued with its own
 * key is no reuse.
 */
class KeyIndexTest {
    @TempDir
    Path dir;

    static IssuedDevice device(String id, int line, KeyPair key, boolean reissue) throws Exception {
        X500Name name = new X500Name("CN=" + id);
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()), Date.from(Instant.now()),
                Date.from(Instant.now().plusSeconds(3600)), name, key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
        return new IssuedDevice(id, Long.toHexString(System.nanoTime()), CanonicalJson.sha256Hex(der), Fixtures.ISSUER,
                Fixtures.POLICY, 3, "", "", Fixtures.STATION, Fixtures.OPERATOR, line, der, reissue, false);
    }

    static KeyPair key() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        return kpg.generateKeyPair();
    }

    @Test
    void commit_keyCertifiedForAnotherDevice_isRefusedKeyReuse_ownKeyOnReissueIsNot() throws Exception {
        try (Store store = Store.openSqlite(dir.resolve("keys.db"))) {
            QuotaLimits limits = new QuotaLimits(Fixtures.POLICY, 1000, 1000);
            KeyPair shared = key();
            store.registerBatch("k1", Fixtures.STATION, Fixtures.POLICY, Fixtures.sha("k1"), 2);
            List<BatchResultRow> one = store.commitChunk("k1", List.of(device("GW-A", 1, shared, false),
                    device("GW-B", 2, shared, false)), List.of(), limits, Instant.now()).lines();
            assertEquals(LineStatus.ISSUED, one.get(0).status());
            assertEquals("key-reuse", one.get(1).errorCode());
            store.registerBatch("k2", Fixtures.STATION, Fixtures.POLICY, Fixtures.sha("k2"), 2);
            List<BatchResultRow> two = store.commitChunk("k2", List.of(device("GW-C", 1, shared, false),
                    device("GW-A", 2, shared, true)), List.of(), limits, Instant.now()).lines();
            assertEquals("key-reuse", two.get(0).errorCode());
            assertEquals(LineStatus.ISSUED, two.get(1).status(), "a re-issue with the device's own key");
            assertEquals(1, store.keyOwners(List.of(Store.publicKeyHash(
                    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(shared.getPublic().getEncoded())))).size());
            assertEquals(true, store.verifyLedger().ok());
        }
    }
}
