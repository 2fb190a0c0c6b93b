package dev.trustline.core.ecdsa;

import dev.trustline.core.x509.Bc;
import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A CSR's proof of possession: its signature under its own public key. A P-256 key signed with
 * ecdsa-with-SHA256 is checked by libcrypto (~80 µs instead of BouncyCastle's ~330 µs on the reference machine);
 * anything else, or a machine without libcrypto, takes BouncyCastle's route, as before. Both check the signature
 * over the DER encoding of the CertificationRequestInfo. Thread-safe.
 */
public final class ProofOfPossession {
    private ProofOfPossession() {
    }

    /** True when the signature verifies; false when it does not. */
    public static boolean verifies(PKCS10CertificationRequest csr) throws SignatureCheckException {
        byte[] point = LibCrypto.AVAILABLE && P256.isEcdsaWithSha256(csr.getSignatureAlgorithm())
                ? P256.point(csr.getSubjectPublicKeyInfo()) : null;
        return point != null ? natively(csr, point) : withBouncyCastle(csr);
    }

    /**
     * The same check for any signed structure that proves possession of {@code key} (a CSR's request info, a CRMF
     * certificate request under its POPOSigningKey): {@code signature} over {@code signed} with {@code algorithm}.
     */
    public static boolean verifies(SubjectPublicKeyInfo key, AlgorithmIdentifier algorithm, byte[] signed, byte[] signature)
            throws SignatureCheckException {
        byte[] point = LibCrypto.AVAILABLE && P256.isEcdsaWithSha256(algorithm) ? P256.point(key) : null;
        if (point != null) {
            return NativeP256.verifyOnce(point, P256.sha256(signed), signature);
        }
        try {
            ContentVerifier v = new JcaContentVerifierProviderBuilder().setProvider(Bc.provider()).build(key).get(algorithm);
            try (OutputStream out = v.getOutputStream()) {
                out.write(signed);
            }
            return v.verify(signature);
        } catch (OperatorCreationException | IOException | RuntimeException e) {
            throw new SignatureCheckException(e.getMessage(), e);
        }
    }

    /** BouncyCastle only (the reference the native route is tested against). */
    public static boolean verifiesWithBouncyCastle(PKCS10CertificationRequest csr) throws SignatureCheckException {
        return withBouncyCastle(csr);
    }

    /** True when this machine checks P-256 proofs with libcrypto. */
    public static boolean nativeAvailable() {
        return LibCrypto.AVAILABLE;
    }

    private static boolean natively(PKCS10CertificationRequest csr, byte[] point) throws SignatureCheckException {
        try {
            byte[] info = csr.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER);
            return NativeP256.verifyOnce(point, P256.sha256(info), csr.getSignature());
        } catch (IOException e) {
            throw new SignatureCheckException("the CSR cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static boolean withBouncyCastle(PKCS10CertificationRequest csr) throws SignatureCheckException {
        try {
            return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Bc.provider())
                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new SignatureCheckException(e.getMessage(), e);
        }
    }
}
