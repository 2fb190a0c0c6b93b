package dev.trustline.core.ecdsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustline.core.x509.Bc;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer and negative table for the proof-of-possession check: every case is decided by the libcrypto route
 * (when this machine has it) exactly as BouncyCastle's reference route decides it (accepted, or not accepted:
 * false or "cannot be checked").
 */
class ProofOfPossessionTest {
    static final BigInteger P256_N = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    static final KeyPair P256 = keys("secp256r1");
    static final KeyPair OTHER_P256 = keys("secp256r1");
    static final KeyPair P384 = keys("secp384r1");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("pop_validP256Csr_isAccepted", csr(P256, "SHA256withECDSA"), true),
                Arguments.of("pop_validP384Csr_isAccepted", csr(P384, "SHA384withECDSA"), true),
                Arguments.of("pop_p256WithSha384_isAccepted", csr(P256, "SHA384withECDSA"), true),
                Arguments.of("pop_highS_isAcceptedLikeBouncyCastle", withSignature(csr(P256, "SHA256withECDSA"), ProofOfPossessionTest::highS), true),
                Arguments.of("pop_flippedSignatureByte_isRejected", withSignature(csr(P256, "SHA256withECDSA"), s -> flip(s, s.length - 1)), false),
                Arguments.of("pop_signatureOfOtherKey_isRejected", withKey(csr(P256, "SHA256withECDSA"), OTHER_P256), false),
                Arguments.of("pop_changedSubject_isRejected", withSubject(csr(P256, "SHA256withECDSA"), "CN=GW0000000018"), false),
                Arguments.of("pop_pointOffTheCurve_isRejected", withPoint(csr(P256, "SHA256withECDSA"), p -> flip(p, 64)), false),
                Arguments.of("pop_nonCanonicalDerSignature_isRejected", withSignature(csr(P256, "SHA256withECDSA"), ProofOfPossessionTest::padR), false),
                Arguments.of("pop_truncatedSignature_isRejected", withSignature(csr(P256, "SHA256withECDSA"), s -> Arrays.copyOf(s, s.length - 3)), false),
                Arguments.of("pop_emptySequenceSignature_isRejected", withSignature(csr(P256, "SHA256withECDSA"), s -> new byte[] {0x30, 0}), false),
                Arguments.of("pop_zeroRAndS_isRejected", withSignature(csr(P256, "SHA256withECDSA"), s -> der(BigInteger.ZERO, BigInteger.ZERO)), false),
                Arguments.of("pop_sEqualToOrder_isRejected", withSignature(csr(P256, "SHA256withECDSA"), s -> der(rOf(s), P256_N)), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void proofOfPossession_decidesLikeBouncyCastle(String name, PKCS10CertificationRequest csr, boolean valid) {
        assertEquals(valid, accepted(() -> ProofOfPossession.verifies(csr)), name);
        assertEquals(valid, accepted(() -> ProofOfPossession.verifiesWithBouncyCastle(csr)), name + " (BouncyCastle)");
    }

    @Test
    void pop_csrMadeByOpenssl_isAccepted_andRejectedOnceAltered(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("k.pem");
        Path req = dir.resolve("r.csr");
        Process p = new ProcessBuilder("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", key.toString(), "-out", req.toString(), "-subj", "/CN=GW0000000018")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        PKCS10CertificationRequest csr;
        try (PEMParser pem = new PEMParser(Files.newBufferedReader(req, StandardCharsets.US_ASCII))) {
            csr = (PKCS10CertificationRequest) pem.readObject();
        }
        assertTrue(accepted(() -> ProofOfPossession.verifies(csr)));
        assertEquals(false, accepted(() -> ProofOfPossession.verifies(withSubject(csr, "CN=GW0000000026"))));
    }

    @Test
    void nativeRoute_isThereOnThisMachine() {
        // Debian ships libcrypto.so.3 with openssl; without it the BouncyCastle route above still decides every case
        assertTrue(ProofOfPossession.nativeAvailable(), "libcrypto was not found: the fast route is off");
    }

    interface Check {
        boolean run() throws SignatureCheckException;
    }

    static boolean accepted(Check check) {
        try {
            return check.run();
        } catch (SignatureCheckException e) {
            return false;
        }
    }

    static KeyPair keys(String curve) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec(curve));
            return kpg.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PKCS10CertificationRequest csr(KeyPair keys, String algorithm) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=GW0000000000"), keys.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm).setProvider(Bc.provider()).build(keys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PKCS10CertificationRequest rebuilt(CertificationRequestInfo info, AlgorithmIdentifier alg, byte[] signature) {
        return new PKCS10CertificationRequest(new CertificationRequest(info, alg, new DERBitString(signature)));
    }

    static PKCS10CertificationRequest withSignature(PKCS10CertificationRequest csr, UnaryOperator<byte[]> change) {
        return rebuilt(csr.toASN1Structure().getCertificationRequestInfo(), csr.getSignatureAlgorithm(),
                change.apply(csr.getSignature()));
    }

    static PKCS10CertificationRequest withSubject(PKCS10CertificationRequest csr, String subject) {
        CertificationRequestInfo info = csr.toASN1Structure().getCertificationRequestInfo();
        return rebuilt(new CertificationRequestInfo(new X500Name(subject), info.getSubjectPublicKeyInfo(), info.getAttributes()),
                csr.getSignatureAlgorithm(), csr.getSignature());
    }

    static PKCS10CertificationRequest withKey(PKCS10CertificationRequest csr, KeyPair other) {
        CertificationRequestInfo info = csr.toASN1Structure().getCertificationRequestInfo();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(other.getPublic().getEncoded());
        return rebuilt(new CertificationRequestInfo(info.getSubject(), spki, info.getAttributes()),
                csr.getSignatureAlgorithm(), csr.getSignature());
    }

    static PKCS10CertificationRequest withPoint(PKCS10CertificationRequest csr, UnaryOperator<byte[]> change) {
        CertificationRequestInfo info = csr.toASN1Structure().getCertificationRequestInfo();
        SubjectPublicKeyInfo spki = info.getSubjectPublicKeyInfo();
        SubjectPublicKeyInfo changed = new SubjectPublicKeyInfo(spki.getAlgorithm(), change.apply(spki.getPublicKeyData().getOctets()));
        return rebuilt(new CertificationRequestInfo(info.getSubject(), changed, info.getAttributes()),
                csr.getSignatureAlgorithm(), csr.getSignature());
    }

    static byte[] flip(byte[] b, int i) {
        byte[] c = b.clone();
        c[i] ^= 0x01;
        return c;
    }

    static BigInteger rOf(byte[] sig) {
        return ASN1Integer.getInstance(ASN1Sequence.getInstance(sig).getObjectAt(0)).getValue();
    }

    static byte[] highS(byte[] sig) {
        BigInteger s = ASN1Integer.getInstance(ASN1Sequence.getInstance(sig).getObjectAt(1)).getValue();
        return der(rOf(sig), P256_N.subtract(s));
    }

    /** r encoded with a superfluous leading zero byte: valid BER, not DER. */
    static byte[] padR(byte[] sig) {
        try {
            return padded(sig);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] padded(byte[] sig) throws IOException {
        ASN1Sequence seq = ASN1Sequence.getInstance(sig);
        byte[] r = seq.getObjectAt(0).toASN1Primitive().getEncoded(ASN1Encodings.DER);
        byte[] s = seq.getObjectAt(1).toASN1Primitive().getEncoded(ASN1Encodings.DER);
        byte[] paddedR = new byte[r.length + 1];
        paddedR[0] = 0x02;
        paddedR[1] = (byte) (r[1] + 1);
        paddedR[2] = 0;
        System.arraycopy(r, 2, paddedR, 3, r.length - 2);
        byte[] out = new byte[2 + paddedR.length + s.length];
        out[0] = 0x30;
        out[1] = (byte) (paddedR.length + s.length);
        System.arraycopy(paddedR, 0, out, 2, paddedR.length);
        System.arraycopy(s, 0, out, 2 + paddedR.length, s.length);
        return out;
    }

    static byte[] der(BigInteger r, BigInteger s) {
        try {
            return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class ASN1Encodings {
        static final String DER = org.bouncycastle.asn1.ASN1Encoding.DER;
    }
}
