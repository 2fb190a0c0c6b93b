package dev.trustline.signer.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.ecdsa.IssuerSignature;
import dev.trustline.core.x509.Bc;
import dev.trustline.core.x509.TbsSigner;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The check after the HSM signs: one case per message, and the good case. */
class SignatureCheckTest {
    static final KeyPair ISSUER = keys();
    static final KeyPair OTHER = keys();
    static final KeyPair DEVICE = keys();

    static Stream<Arguments> refusals() throws Exception {
        TBSCertificate linted = tbs(BigInteger.TWO);
        byte[] lintedDer = TbsSigner.der(linted);
        X509CertificateHolder good = TbsSigner.sign(linted, signer(ISSUER));
        return Stream.of(
                Arguments.of("check_signatureByAnotherKey_isRefused", TbsSigner.sign(linted, signer(OTHER)), lintedDer,
                        "the HSM's signature does not verify"),
                Arguments.of("check_otherTbsThanLinted_isRefused", TbsSigner.sign(tbs(BigInteger.TEN), signer(ISSUER)), lintedDer,
                        "the HSM's signature does not verify"),
                Arguments.of("check_outerAlgorithmNotTheTbs_isRefused", withOuter(good, new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384)),
                        lintedDer, "the signature algorithm differs from the TBS's"),
                Arguments.of("check_signedTbsDiffersFromLinted_isRefused", signedAs(tbs(BigInteger.TEN), lintedDer), lintedDer,
                        "the signed TBS differs from the linted TBS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void check_refuses(String name, X509CertificateHolder cert, byte[] linted, String message) throws Exception {
        SignatureCheck check = new SignatureCheck(IssuerSignature.of(issuerCertificate()));
        TrustLineException e = assertThrows(TrustLineException.class, () -> check.check(cert, linted, "GW0000000018"), name);
        assertEquals("device GW0000000018: " + message, e.getMessage(), name);
    }

    @Test
    void check_issuersSignatureOverTheLintedTbs_passes() throws Exception {
        TBSCertificate linted = tbs(BigInteger.TWO);
        new SignatureCheck(IssuerSignature.of(issuerCertificate())).check(TbsSigner.sign(linted, signer(ISSUER)),
                TbsSigner.der(linted), "GW0000000018");
    }

    @Test
    void sign_fromEncodedTbs_givesTheDerTheHolderEncodesTo() throws Exception {
        TBSCertificate linted = tbs(BigInteger.TWO);
        byte[] lintedDer = TbsSigner.der(linted);
        TbsSigner.Signed signed = TbsSigner.sign(linted, lintedDer, signer(ISSUER));
        org.junit.jupiter.api.Assertions.assertArrayEquals(signed.holder().getEncoded(), signed.der());
        new SignatureCheck(IssuerSignature.of(issuerCertificate())).check(signed.holder(), signed.der(), lintedDer, "GW0000000018");
    }

    @Test
    void check_derCarriesAnotherTbsThanLinted_isRefused() throws Exception {
        TBSCertificate linted = tbs(BigInteger.TWO);
        byte[] lintedDer = TbsSigner.der(linted);
        TbsSigner.Signed signed = TbsSigner.sign(linted, lintedDer, signer(ISSUER));
        byte[] otherDer = signedAs(tbs(BigInteger.TEN), lintedDer).getEncoded();
        TrustLineException e = assertThrows(TrustLineException.class, () -> new SignatureCheck(IssuerSignature.of(issuerCertificate()))
                .check(signed.holder(), otherDer, lintedDer, "GW0000000018"));
        assertEquals("device GW0000000018: the signed TBS differs from the linted TBS", e.getMessage());
    }

    /** A certificate that carries {@code tbs} but whose signature was made over {@code signedBytes}. */
    static X509CertificateHolder signedAs(TBSCertificate tbs, byte[] signedBytes) throws Exception {
        ContentSigner s = signer(ISSUER);
        s.getOutputStream().write(signedBytes);
        return assemble(tbs, tbs.getSignature(), s.getSignature());
    }

    static X509CertificateHolder withOuter(X509CertificateHolder cert, AlgorithmIdentifier outer) {
        Certificate c = cert.toASN1Structure();
        return assemble(c.getTBSCertificate(), outer, c.getSignature().getOctets());
    }

    static X509CertificateHolder assemble(TBSCertificate tbs, AlgorithmIdentifier alg, byte[] signature) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(tbs);
        v.add(alg);
        v.add(new DERBitString(signature));
        return new X509CertificateHolder(Certificate.getInstance(new DERSequence(v)));
    }

    static TBSCertificate tbs(BigInteger serial) throws Exception {
        X500Name issuer = new X500Name("CN=Issuer");
        X509CertificateHolder unsignedTemplate = new JcaX509v3CertificateBuilder(issuer, serial, new Date(0),
                new Date(86_400_000L), new X500Name("CN=GW0000000018"), DEVICE.getPublic()).build(signer(OTHER));
        return unsignedTemplate.toASN1Structure().getTBSCertificate();
    }

    static X509CertificateHolder issuerCertificate() throws Exception {
        X500Name issuer = new X500Name("CN=Issuer");
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.ONE, new Date(0), new Date(86_400_000L), issuer,
                ISSUER.getPublic()).build(signer(ISSUER));
    }

    static ContentSigner signer(KeyPair keys) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Bc.provider()).build(keys.getPrivate());
    }

    static KeyPair keys() {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"));
            return kpg.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
