package dev.trustline.core.ecdsa;

import dev.trustline.core.x509.Bc;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * Checks signatures made by one fixed key, the issuing CA's, set up once: a P-256 key with ecdsa-with-SHA256 is
 * decoded into libcrypto once and shared by all threads; any other key gets a BouncyCastle {@link Signature}
 * initialised once per thread. Thread-safe.
 */
public final class IssuerSignature {
    private final PublicKey publicKey;
    private final NativeP256 nativeKey;
    private final ThreadLocal<java.util.Map<String, Signature>> perThread = ThreadLocal.withInitial(java.util.HashMap::new);

    private IssuerSignature(PublicKey publicKey, NativeP256 nativeKey) {
        this.publicKey = publicKey;
        this.nativeKey = nativeKey;
    }

    /** For the key of {@code issuer}. */
    public static IssuerSignature of(X509CertificateHolder issuer) throws SignatureCheckException {
        return of(issuer.getSubjectPublicKeyInfo());
    }

    /** For a public key (bin/bench's measurement of the P-256 floor uses a key that has no certificate). */
    public static IssuerSignature of(SubjectPublicKeyInfo spki) throws SignatureCheckException {
        try {
            PublicKey key = java.security.KeyFactory.getInstance(keyType(spki), Bc.provider())
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(spki.getEncoded()));
            byte[] point = LibCrypto.AVAILABLE ? P256.point(spki) : null;
            NativeP256 nativeKey = point == null ? null : NativeP256.fixed(point);
            if (point != null && nativeKey == null) {
                throw new SignatureCheckException("the issuer's public key is not a point on P-256", null);
            }
            return new IssuerSignature(key, nativeKey);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new SignatureCheckException("cannot read the issuer's public key: " + e.getMessage(), e);
        }
    }

    /** True when {@code signature} over {@code signed} verifies under the issuer's key with {@code algorithm}. */
    public boolean verifies(AlgorithmIdentifier algorithm, byte[] signed, byte[] signature) throws SignatureCheckException {
        if (nativeKey != null && P256.isEcdsaWithSha256(algorithm)) {
            return nativeKey.verify(P256.sha256(signed), signature);
        }
        try {
            Signature verifier = verifier(algorithm);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            perThread.remove(); // a verifier that threw may be left mid-operation
            throw new SignatureCheckException("cannot check the signature: " + e.getMessage(), e);
        }
    }

    private Signature verifier(AlgorithmIdentifier algorithm) throws GeneralSecurityException {
        String name = new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm);
        Signature s = perThread.get().get(name);
        if (s == null) {
            s = Signature.getInstance(name, Bc.provider());
            s.initVerify(publicKey);
            perThread.get().put(name, s);
        }
        return s;
    }

    private static String keyType(SubjectPublicKeyInfo spki) {
        String oid = spki.getAlgorithm().getAlgorithm().getId();
        return oid.equals("1.2.840.10045.2.1") ? "EC" : oid.equals("1.2.840.113549.1.1.1") ? "RSA" : oid;
    }
}
