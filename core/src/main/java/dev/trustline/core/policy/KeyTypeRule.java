package dev.trustline.core.policy;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Which device key types a policy allows. A CSR's public key is named as policies name key types:
 * {@code ecdsa-p256}, {@code ecdsa-p384}, {@code ed25519}, {@code rsa-N} for an N-bit modulus; anything
 * else gets a descriptive name that no policy can allow (e.g. {@code ecdsa-secp521r1}).
 */
public record KeyTypeRule(String policyId, List<LeafKeyType> allowed) {
    public KeyTypeRule {
        Objects.requireNonNull(policyId, "policyId");
        allowed = List.copyOf(allowed);
    }

    /** The policy-style name of the key type of {@code spki}. */
    public static String keyTypeName(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier algorithm = spki.getAlgorithm().getAlgorithm();
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return ecName(spki.getAlgorithm().getParameters());
        }
        if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return "ed25519";
        }
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "rsa-" + rsa(spki).getModulus().bitLength();
        }
        return "unknown key algorithm " + algorithm.getId();
    }

    /** Refuses a key whose type the policy does not allow, or an RSA key whose public exponent is not 65537. */
    public void check(SubjectPublicKeyInfo spki) throws PolicyException {
        String name = keyTypeName(spki);
        if (allowed.stream().noneMatch(t -> t.configName().equals(name))) {
            throw new PolicyException("key type " + name + " is not allowed by policy " + policyId + " (allowed: "
                    + allowed.stream().map(LeafKeyType::configName).collect(Collectors.joining(", ")) + ")");
        }
        if (name.startsWith("rsa-") && !rsa(spki).getPublicExponent().equals(BigInteger.valueOf(65537))) {
            throw new PolicyException("RSA public exponent must be 65537 under policy " + policyId);
        }
    }

    private static String ecName(ASN1Encodable parameters) {
        if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
            return "ecdsa-explicit-parameters";
        }
        if (curve.equals(SECObjectIdentifiers.secp256r1)) {
            return "ecdsa-p256";
        }
        if (curve.equals(SECObjectIdentifiers.secp384r1)) {
            return "ecdsa-p384";
        }
        String name = ECNamedCurveTable.getName(curve);
        return "ecdsa-" + (name != null ? name : curve.getId());
    }

    private static RSAPublicKey rsa(SubjectPublicKeyInfo spki) {
        try {
            return RSAPublicKey.getInstance(spki.parsePublicKey());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("RSA public key is malformed: " + e.getMessage(), e);
        }
    }
}
