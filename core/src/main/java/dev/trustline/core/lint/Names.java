package dev.trustline.core.lint;

import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/** Human names for OIDs in lint messages; always include the dotted OID when the name is not obvious. */
final class Names {
    private static final DefaultAlgorithmNameFinder ALGORITHMS = new DefaultAlgorithmNameFinder();
    private static final Map<ASN1ObjectIdentifier, String> PURPOSES = Map.of(
            KeyPurposeId.id_kp_serverAuth.toOID(), "serverAuth",
            KeyPurposeId.id_kp_clientAuth.toOID(), "clientAuth",
            KeyPurposeId.id_kp_codeSigning.toOID(), "codeSigning",
            KeyPurposeId.id_kp_emailProtection.toOID(), "emailProtection",
            KeyPurposeId.id_kp_timeStamping.toOID(), "timeStamping",
            KeyPurposeId.id_kp_OCSPSigning.toOID(), "OCSPSigning",
            KeyPurposeId.anyExtendedKeyUsage.toOID(), "anyExtendedKeyUsage");
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("2.5.29.14", "subjectKeyIdentifier"),
            Map.entry("2.5.29.15", "keyUsage"),
            Map.entry("2.5.29.17", "subjectAltName"),
            Map.entry("2.5.29.19", "basicConstraints"),
            Map.entry("2.5.29.20", "cRLNumber"),
            Map.entry("2.5.29.30", "nameConstraints"),
            Map.entry("2.5.29.31", "cRLDistributionPoints"),
            Map.entry("2.5.29.32", "certificatePolicies"),
            Map.entry("2.5.29.35", "authorityKeyIdentifier"),
            Map.entry("2.5.29.37", "extendedKeyUsage"));

    private Names() {
    }

    static String algorithm(AlgorithmIdentifier id) {
        return algorithm(id.getAlgorithm());
    }

    static String algorithm(ASN1ObjectIdentifier oid) {
        String name = ALGORITHMS.getAlgorithmName(oid);
        return name.equals(oid.getId()) ? oid.getId() : name + " (" + oid.getId() + ")";
    }

    /** The key algorithm, with the curve for EC keys. */
    static String keyType(AlgorithmIdentifier keyAlgorithm) {
        if (keyAlgorithm.getParameters() instanceof ASN1ObjectIdentifier curve
                && X9ObjectIdentifiers.id_ecPublicKey.equals(keyAlgorithm.getAlgorithm())) {
            return "EC " + curve(curve);
        }
        return algorithm(keyAlgorithm);
    }

    static String curve(ASN1ObjectIdentifier oid) {
        String name = NISTNamedCurves.getName(oid);
        if (name == null) {
            name = ECNamedCurveTable.getName(oid);
        }
        return name == null ? oid.getId() : name + " (" + oid.getId() + ")";
    }

    static String purpose(ASN1ObjectIdentifier oid) {
        String name = PURPOSES.get(oid);
        return name == null ? oid.getId() : name;
    }

    static String attribute(ASN1ObjectIdentifier oid) {
        String name = BCStyle.INSTANCE.oidToDisplayName(oid);
        return name == null ? oid.getId() : name;
    }

    static String extension(ASN1ObjectIdentifier oid) {
        String name = EXTENSIONS.get(oid.getId());
        return name == null ? oid.getId() : name + " (" + oid.getId() + ")";
    }
}
