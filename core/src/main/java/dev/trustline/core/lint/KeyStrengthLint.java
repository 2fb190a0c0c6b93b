package dev.trustline.core.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The subject public key is EC on P-256 or P-384, RSA of at least 3072 bits with exponent 65537, or (for
 * leaves only) Ed25519. Anything else is rejected by name.
 */
public final class KeyStrengthLint implements Lint {
    static final int MIN_RSA_BITS = 3072;
    static final BigInteger RSA_EXPONENT = BigInteger.valueOf(65537);
    private static final Set<ASN1ObjectIdentifier> CURVES = Set.of(SECObjectIdentifiers.secp256r1,
            SECObjectIdentifiers.secp384r1);

    @Override
    public String name() {
        return "key-strength";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        SubjectPublicKeyInfo spki = subject.certificate().getSubjectPublicKeyInfo();
        ASN1ObjectIdentifier algorithm = spki.getAlgorithm().getAlgorithm();
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return checkEc(spki.getAlgorithm().getParameters());
        }
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return checkRsa(spki);
        }
        if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return subject.kind() == CertKind.LEAF ? List.of()
                    : List.of("Ed25519 keys are allowed on leaf certificates only");
        }
        return List.of("public key algorithm " + Names.algorithm(algorithm) + " is not allowed");
    }

    private static List<String> checkEc(ASN1Encodable parameters) {
        if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
            return List.of("EC key does not name its curve; only named curves P-256 and P-384 are allowed");
        }
        if (!CURVES.contains(curve)) {
            return List.of("EC curve " + Names.curve(curve) + " is not allowed; use P-256 or P-384");
        }
        return List.of();
    }

    private static List<String> checkRsa(SubjectPublicKeyInfo spki) {
        RSAPublicKey key = RSAPublicKey.getInstance(parse(spki));
        List<String> problems = new ArrayList<>();
        int bits = key.getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            problems.add("RSA modulus is " + bits + " bits; at least " + MIN_RSA_BITS + " are required");
        }
        if (!key.getPublicExponent().equals(RSA_EXPONENT)) {
            problems.add("RSA public exponent is " + key.getPublicExponent() + "; " + RSA_EXPONENT + " is required");
        }
        return problems;
    }

    private static ASN1Encodable parse(SubjectPublicKeyInfo spki) {
        try {
            return spki.parsePublicKey();
        } catch (IOException e) {
            throw new UncheckedIOException("RSA public key is malformed", e);
        }
    }
}
