package dev.trustline.core.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * The outer signatureAlgorithm equals the TBS signature field, suits the issuer's key type (ECDSA with
 * SHA-256/384/512, SHA-384 or stronger for P-384; RSA PKCS#1 v1.5 with SHA-256/384/512, no RSASSA-PSS),
 * and the signature verifies. It verifies under the issuer's public key, or, before a ceremony's HSM signs,
 * under the throwaway key given to {@link #verifyingWith}. On an unsigned TBS ({@link
 * CertificateUnderLint#unsigned}) only a runner made with {@link #beforeSigning} accepts the missing signature:
 * its caller verifies the real signature under the issuer's key once the HSM has signed, and compares the signed
 * TBS with the linted one.
 */
public final class SignatureAlgorithmLint implements Lint {
    private static final Set<ASN1ObjectIdentifier> ECDSA = Set.of(X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512);
    private static final Set<ASN1ObjectIdentifier> RSA = Set.of(PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption, PKCSObjectIdentifiers.sha512WithRSAEncryption);

    private final Optional<SubjectPublicKeyInfo> throwawayKey;
    private final boolean acceptsUnsigned;

    /** Verifies the signature under the issuer certificate's public key. */
    public SignatureAlgorithmLint() {
        this.throwawayKey = Optional.empty();
        this.acceptsUnsigned = false;
    }

    private SignatureAlgorithmLint(SubjectPublicKeyInfo throwawayKey, boolean acceptsUnsigned) {
        this.throwawayKey = Optional.ofNullable(throwawayKey);
        this.acceptsUnsigned = acceptsUnsigned;
    }

    /**
     * Before the HSM signs, on the TBS itself: every algorithm check, no verification of the (absent) signature;
     * a signed certificate is still verified under the issuer's key.
     */
    public static SignatureAlgorithmLint beforeSigning() {
        return new SignatureAlgorithmLint(null, true);
    }

    /** Before HSM signing: verifies under the throwaway key, which must be of the issuer's key type. */
    public static SignatureAlgorithmLint verifyingWith(SubjectPublicKeyInfo throwawayKey) {
        return new SignatureAlgorithmLint(Objects.requireNonNull(throwawayKey, "throwawayKey"), false);
    }

    @Override
    public String name() {
        return "signature-algorithm";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        X509CertificateHolder cert = subject.certificate();
        AlgorithmIdentifier outer = cert.getSignatureAlgorithm();
        AlgorithmIdentifier inner = cert.toASN1Structure().getTBSCertificate().getSignature();
        List<String> problems = new ArrayList<>();
        SubjectPublicKeyInfo issuerKey = subject.issuer().getSubjectPublicKeyInfo();
        checkMatchesKey(outer.getAlgorithm(), issuerKey.getAlgorithm(), problems);
        SubjectPublicKeyInfo verifyKey = throwawayKey.orElse(issuerKey);
        if (!outer.equals(inner)) {
            problems.add("outer signatureAlgorithm " + Names.algorithm(outer) + " differs from the TBS signature "
                    + "field " + Names.algorithm(inner));
        } else if (!verifyKey.getAlgorithm().equals(issuerKey.getAlgorithm())) {
            problems.add("throwaway key type " + Names.keyType(verifyKey.getAlgorithm())
                    + " differs from the issuer's key type " + Names.keyType(issuerKey.getAlgorithm()));
        } else if (!subject.signed()) {
            if (!acceptsUnsigned) {
                problems.add("the certificate is not signed (only the TBS was given)");
            }
        } else {
            verify(cert, verifyKey, problems);
        }
        return problems;
    }

    private static void checkMatchesKey(ASN1ObjectIdentifier signature, AlgorithmIdentifier issuerKey,
            List<String> problems) {
        ASN1ObjectIdentifier keyType = issuerKey.getAlgorithm();
        String name = Names.algorithm(signature);
        if (keyType.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            if (!ECDSA.contains(signature)) {
                problems.add("signature algorithm " + name + " does not suit the issuer's EC key; use "
                        + "ecdsa-with-SHA256, -SHA384 or -SHA512");
            } else if (SECObjectIdentifiers.secp384r1.equals(issuerKey.getParameters())
                    && signature.equals(X9ObjectIdentifiers.ecdsa_with_SHA256)) {
                problems.add("issuer key is on P-384; signature algorithm " + name + " must use SHA-384 or stronger");
            }
        } else if (keyType.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            if (signature.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
                problems.add("RSASSA-PSS signatures are not allowed; use sha256/384/512WithRSAEncryption");
            } else if (!RSA.contains(signature)) {
                problems.add("signature algorithm " + name + " does not suit the issuer's RSA key; use "
                        + "sha256/384/512WithRSAEncryption");
            }
        } else {
            problems.add("issuer key type " + Names.algorithm(keyType) + " is not allowed to sign certificates");
        }
    }

    private static void verify(X509CertificateHolder cert, SubjectPublicKeyInfo key, List<String> problems) {
        try {
            if (!cert.isSignatureValid(Signatures.verifier(key))) {
                problems.add("signature does not verify under the issuer's public key");
            }
        } catch (OperatorCreationException | CertException | RuntimeOperatorException e) {
            problems.add("could not verify signature: " + e.getMessage());
        }
    }
}
