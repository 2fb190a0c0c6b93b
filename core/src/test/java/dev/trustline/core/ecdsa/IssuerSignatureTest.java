package dev.trustline.core.ecdsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustline.core.x509.Bc;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fixed-key check of the issuer's own signatures: each key type, right and wrong, from several threads. */
class IssuerSignatureTest {
    static final byte[] DATA = "the linted TBS bytes".getBytes(StandardCharsets.US_ASCII);

    static Stream<Arguments> keys() {
        return Stream.of(Arguments.of("issuerSignature_p256_sha256", keys("EC", "secp256r1"), "SHA256withECDSA"),
                Arguments.of("issuerSignature_p384_sha384", keys("EC", "secp384r1"), "SHA384withECDSA"),
                Arguments.of("issuerSignature_rsa_sha256", keys("RSA", null), "SHA256withRSA"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void issuerSignature_acceptsItsKeysSignature_andRejectsAlteredDataSignatureOrKey(String name, KeyPair keys, String alg)
            throws Exception {
        IssuerSignature check = IssuerSignature.of(certificate(keys, alg));
        AlgorithmIdentifier id = new DefaultSignatureAlgorithmIdentifierFinder().find(alg);
        byte[] sig = sign(keys, alg, DATA);
        assertEquals(true, check.verifies(id, DATA, sig), name);
        assertEquals(false, check.verifies(id, "other bytes".getBytes(StandardCharsets.US_ASCII), sig), name + ": other data");
        byte[] flipped = sig.clone();
        flipped[flipped.length - 1] ^= 1;
        assertEquals(false, accepted(check, id, DATA, flipped), name + ": altered signature");
        KeyPair other = keys(keys.getPublic().getAlgorithm(), keys.getPublic().getAlgorithm().equals("EC")
                ? (alg.startsWith("SHA384") ? "secp384r1" : "secp256r1") : null);
        assertEquals(false, accepted(check, id, DATA, sign(other, alg, DATA)), name + ": another key's signature");
        assertEquals(true, check.verifies(id, DATA, sig), name + ": still usable after failures");
    }

    @Test
    void issuerSignature_p256_isSharedByThreads() throws Exception {
        KeyPair keys = keys("EC", "secp256r1");
        IssuerSignature check = IssuerSignature.of(certificate(keys, "SHA256withECDSA"));
        AlgorithmIdentifier id = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        byte[] good = sign(keys, "SHA256withECDSA", DATA);
        byte[] bad = good.clone();
        bad[bad.length - 2] ^= 1;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                byte[] sig = i % 2 == 0 ? good : bad;
                runs.add(pool.submit(() -> check.verifies(id, DATA, sig)));
            }
            for (int i = 0; i < runs.size(); i++) {
                assertEquals(i % 2 == 0, runs.get(i).get(), "verification " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void issuerSignature_garbageSignature_isNotAccepted() throws Exception {
        KeyPair keys = keys("EC", "secp384r1");
        IssuerSignature check = IssuerSignature.of(certificate(keys, "SHA384withECDSA"));
        AlgorithmIdentifier id = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA384withECDSA");
        assertThrows(SignatureCheckException.class, () -> check.verifies(id, DATA, new byte[] {1, 2, 3}));
        assertEquals(true, check.verifies(id, DATA, sign(keys, "SHA384withECDSA", DATA)));
    }

    static boolean accepted(IssuerSignature check, AlgorithmIdentifier id, byte[] data, byte[] sig) {
        try {
            return check.verifies(id, data, sig);
        } catch (SignatureCheckException e) {
            return false;
        }
    }

    static byte[] sign(KeyPair keys, String alg, byte[] data) throws Exception {
        Signature s = Signature.getInstance(alg, Bc.provider());
        s.initSign(keys.getPrivate());
        s.update(data);
        return s.sign();
    }

    static KeyPair keys(String type, String curve) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance(type);
            if (curve != null) {
                kpg.initialize(new ECGenParameterSpec(curve));
            } else {
                kpg.initialize(2048);
            }
            return kpg.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static X509CertificateHolder certificate(KeyPair keys, String alg) throws Exception {
        X500Name name = new X500Name("CN=Test Issuer");
        return new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
                name, keys.getPublic()).build(new JcaContentSignerBuilder(alg).setProvider(Bc.provider()).build(keys.getPrivate()));
    }
}
