package dev.trustline.core.policy;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;

/** Small helpers for distinguished names: plain attribute values, CNs for messages, RDN comparison. */
final class Dn {
    private Dn() {
    }

    /** The attribute value as plain text (no RFC 4514 escaping). */
    static String text(ASN1Encodable value) {
        return value instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(value);
    }

    /** The whole subject in RFC 4514 order as BouncyCastle prints it, e.g. "O=Example,CN=Root". */
    static String subject(X509CertificateHolder certificate) {
        return X500Name.getInstance(BCStyle.INSTANCE, certificate.getSubject()).toString();
    }

    /** Two RDNs are equal under RFC 5280 name comparison (case and inner whitespace insensitive). */
    static boolean sameRdn(RDN a, RDN b) {
        return BCStyle.INSTANCE.areEqual(new X500Name(new RDN[] {a}), new X500Name(new RDN[] {b}));
    }
}
