package dev.trustline.ceremony.steps;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;

/** A one-line, human reading of the extensions TrustLine writes, for the operator's summary and the printed report. */
public final class ExtensionText {
    private static final java.util.Map<org.bouncycastle.asn1.ASN1ObjectIdentifier, String> NAMES = java.util.Map.ofEntries(
            java.util.Map.entry(Extension.basicConstraints, "basicConstraints"), java.util.Map.entry(Extension.keyUsage, "keyUsage"),
            java.util.Map.entry(Extension.subjectKeyIdentifier, "subjectKeyIdentifier"),
            java.util.Map.entry(Extension.authorityKeyIdentifier, "authorityKeyIdentifier"),
            java.util.Map.entry(Extension.extendedKeyUsage, "extKeyUsage"), java.util.Map.entry(Extension.nameConstraints, "nameConstraints"),
            java.util.Map.entry(Extension.cRLDistributionPoints, "cRLDistributionPoints"),
            java.util.Map.entry(Extension.authorityInfoAccess, "authorityInfoAccess"), java.util.Map.entry(Extension.cRLNumber, "cRLNumber"),
            java.util.Map.entry(Extension.reasonCode, "reasonCode"), java.util.Map.entry(Extension.invalidityDate, "invalidityDate"),
            java.util.Map.entry(Extension.certificatePolicies, "certificatePolicies"));

    private ExtensionText() {
    }

    /** The extension's usual short name, or its OID. */
    public static String name(org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        return NAMES.getOrDefault(oid, oid.getId());
    }

    public static String describe(Extension e) {
        var oid = e.getExtnId();
        if (oid.equals(Extension.reasonCode)) {
            return reason(org.bouncycastle.asn1.x509.CRLReason.getInstance(e.getParsedValue()).getValue().intValue());
        }
        if (oid.equals(Extension.invalidityDate)) {
            try {
                return org.bouncycastle.asn1.ASN1GeneralizedTime.getInstance(e.getParsedValue()).getDate().toInstant().toString();
            } catch (java.text.ParseException ex) {
                return e.getParsedValue().toString();
            }
        }
        if (oid.equals(Extension.cRLNumber)) {
            return org.bouncycastle.asn1.ASN1Integer.getInstance(e.getParsedValue()).getValue().toString();
        }
        if (oid.equals(Extension.basicConstraints)) {
            BasicConstraints bc = BasicConstraints.getInstance(e.getParsedValue());
            return "CA=" + bc.isCA() + (bc.getPathLenConstraint() == null ? "" : ", pathLen=" + bc.getPathLenConstraint());
        }
        if (oid.equals(Extension.keyUsage)) {
            return keyUsage(KeyUsage.getInstance(e.getParsedValue()));
        }
        if (oid.equals(Extension.extendedKeyUsage)) {
            List<String> names = new ArrayList<>();
            for (KeyPurposeId id : ExtendedKeyUsage.getInstance(e.getParsedValue()).getUsages()) {
                names.add(id.equals(KeyPurposeId.id_kp_clientAuth) ? "clientAuth"
                        : id.equals(KeyPurposeId.id_kp_serverAuth) ? "serverAuth" : id.getId());
            }
            return String.join(", ", names);
        }
        if (oid.equals(Extension.nameConstraints)) {
            NameConstraints nc = NameConstraints.getInstance(e.getParsedValue());
            return "permitted " + subtrees(nc.getPermittedSubtrees()) + "; excluded " + subtrees(nc.getExcludedSubtrees());
        }
        if (oid.equals(Extension.subjectKeyIdentifier)) {
            return HexFormat.of().formatHex(SubjectKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier());
        }
        if (oid.equals(Extension.authorityKeyIdentifier)) {
            return HexFormat.of().formatHex(AuthorityKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier());
        }
        if (oid.equals(Extension.certificatePolicies)) {
            List<String> out = new ArrayList<>();
            for (var info : org.bouncycastle.asn1.x509.CertificatePolicies.getInstance(e.getParsedValue()).getPolicyInformation()) {
                String id = info.getPolicyIdentifier().getId();
                out.add(id + dev.trustline.core.Environment.fromOid(id).map(env -> " (TrustLine " + env.configName() + ")").orElse(""));
            }
            return String.join(", ", out);
        }
        if (oid.equals(Extension.cRLDistributionPoints) || oid.equals(Extension.authorityInfoAccess)) {
            return uris(e);
        }
        return e.getParsedValue().toString();
    }

    /** The URIs inside CRL distribution points or AIA, readable. */
    private static String uris(Extension e) {
        List<String> out = new ArrayList<>();
        collect(e.getParsedValue().toASN1Primitive(), out);
        return String.join(", ", out).replace(":, ", ": "); // "caIssuers: URL", never "caIssuers:, URL"
    }

    private static void collect(org.bouncycastle.asn1.ASN1Primitive p, List<String> out) {
        if (p instanceof org.bouncycastle.asn1.ASN1TaggedObject t) {
            if (t.getTagNo() == 6 && t.getBaseObject().toASN1Primitive() instanceof org.bouncycastle.asn1.ASN1OctetString s) {
                out.add(new String(s.getOctets(), java.nio.charset.StandardCharsets.US_ASCII));
            } else {
                collect(t.getBaseObject().toASN1Primitive(), out);
            }
        } else if (p instanceof org.bouncycastle.asn1.ASN1Sequence seq) {
            for (var o : seq) {
                collect(o.toASN1Primitive(), out);
            }
        } else if (p instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
            out.add(oid.equals(org.bouncycastle.asn1.x509.AccessDescription.id_ad_caIssuers) ? "caIssuers:"
                    : oid.equals(org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp) ? "ocsp:" : oid.getId());
        }
    }

    /** RFC 5280 CRLReason names, by code. */
    public static String reason(int code) {
        String[] names = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded",
            "cessationOfOperation", "certificateHold", "7", "removeFromCRL", "privilegeWithdrawn", "aACompromise"};
        return code >= 0 && code < names.length ? names[code] : Integer.toString(code);
    }

    private static String keyUsage(KeyUsage ku) {
        List<String> names = new ArrayList<>();
        if (ku.hasUsages(KeyUsage.digitalSignature)) {
            names.add("digitalSignature");
        }
        if (ku.hasUsages(KeyUsage.keyCertSign)) {
            names.add("keyCertSign");
        }
        if (ku.hasUsages(KeyUsage.cRLSign)) {
            names.add("cRLSign");
        }
        return String.join(", ", names);
    }

    /** As openssl prints it: "DirName:O=...", "DNS:example.test", "email:", "URI:", "IP:". */
    private static String generalName(org.bouncycastle.asn1.x509.GeneralName n) {
        String value = n.getName().toString();
        return switch (n.getTagNo()) {
            case org.bouncycastle.asn1.x509.GeneralName.directoryName -> "DirName:" + value;
            case org.bouncycastle.asn1.x509.GeneralName.dNSName -> "DNS:" + value;
            case org.bouncycastle.asn1.x509.GeneralName.rfc822Name -> "email:" + value;
            case org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier -> "URI:" + value;
            case org.bouncycastle.asn1.x509.GeneralName.iPAddress -> "IP:" + ipText(n);
            default -> n.toString();
        };
    }

    private static String ipText(org.bouncycastle.asn1.x509.GeneralName n) {
        byte[] b = org.bouncycastle.asn1.ASN1OctetString.getInstance(n.getName()).getOctets();
        return HexFormat.of().formatHex(b);
    }

    private static String subtrees(GeneralSubtree[] trees) {
        if (trees == null) {
            return "(none)";
        }
        List<String> out = new ArrayList<>();
        for (GeneralSubtree t : trees) {
            out.add(generalName(t.getBase()));
        }
        return String.join(" | ", out);
    }
}
